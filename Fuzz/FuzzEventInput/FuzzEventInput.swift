// libFuzzer target: one NDJSON line, or a whole NDJSON stream, through the event input parser and the
// JSON byte parser. Any crash, trap or hang is a finding; errors are the expected answer to bad input.
@testable import GibsonHookCore

private let parser = EventInputParser(factory: EventFactory(configuration: Configuration(), hostName: "fuzz", clock: SystemClock()))

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEventInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    if let value = try? JSONByteParser.parse(bytes) {
        // What the parser accepts serializes to JSON it accepts again, with the same value.
        let text = value.serialized()
        guard let again = try? JSONByteParser.parse(text), again == value else { fatalError("round trip changed \(text)") }
    }
    _ = try? parser.parseSerialized(line: bytes)
    // The same bytes as an NDJSON stream: line splitting and per-line parsing.
    var offset = 0
    try? LineSplitter.split(read: { buffer in
        let count = min(buffer.count, size - offset, 7)
        if count > 0 { buffer.copyMemory(from: UnsafeRawBufferPointer(start: data + offset, count: count)) }
        offset += count
        return count
    }) { line in _ = try? parser.parseSerialized(line: line) }
    return 0
}

// SwiftPM 6 links an executable with `main` defined as `<module>_main` (so tests can call it), which keeps
// libFuzzer's own main out; this module is built with -parse-as-library, so define that symbol here and run
// libFuzzer's driver with the same command line.
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> Int32) -> Int32

@_cdecl("FuzzEventInput_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Int32 {
    var argumentCount = argc
    var arguments = argv
    return LLVMFuzzerRunDriver(&argumentCount, &arguments, fuzzEventInput)
}
