// libFuzzer target: git's hook arguments and stdin for every hook. The first byte picks how many of the
// NUL-separated fields after it are arguments; the rest is stdin. Parsing never fails, so anything but a
// normal return is a finding.
import GibsonHookCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHookInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let argumentCount = Int(bytes[0] % 4)
    var fields = bytes.dropFirst().split(separator: 0, maxSplits: argumentCount, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    let stdin = fields.count > argumentCount ? fields.removeLast() : ""
    for hook in HookName.allCases {
        _ = HookInput.parse(hook: hook, arguments: fields, stdin: stdin)
    }
    return 0
}

// SwiftPM 6 links an executable with `main` defined as `<module>_main` (so tests can call it), which keeps
// libFuzzer's own main out; this module is built with -parse-as-library, so define that symbol here and run
// libFuzzer's driver with the same command line.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzHookInput_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var argumentCount = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&argumentCount, &arguments, fuzzHookInput)
}
