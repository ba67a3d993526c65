// libFuzzer target: bytes as a configuration file (`GIBSON_HOOK_CONFIG`) through the loader and its
// checks. Diagnostics are the expected answer to bad input; a crash, trap or hang is a finding.
import Foundation
import GibsonHookCore

private let directory = NSTemporaryDirectory() + "gibson-hook-fuzz-config-\(getpid())"
private let path = directory + "/config.yml"
private let created: Void = { try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzConfigLoader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    _ = created
    let contents = Data(bytes: data, count: size)
    // The in-memory document check (limits, syntax, schema, values) and the loader a hook runs, from a file.
    _ = ConfigLoader.check(contents: contents, path: "fuzz.yml")
    guard FileManager.default.createFile(atPath: path, contents: contents) else { return 0 }
    let environment = ProcessEnvironment(["GIBSON_HOOK_CONFIG": path, "HOME": directory + "/home"])
    let loader = ConfigLoader(environment: environment, workingDirectory: directory)
    _ = try? loader.load()
    _ = loader.check()
    return 0
}

// SwiftPM 6 links an executable with `main` defined as `<module>_main` (so tests can call it), which keeps
// libFuzzer's own main out; this module is built with -parse-as-library, so define that symbol here and run
// libFuzzer's driver with the same command line.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzConfigLoader_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var argumentCount = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&argumentCount, &arguments, fuzzConfigLoader)
}
