internal import Clibcurl
import Foundation

/// Owns one libcurl easy handle and its error buffer; both are freed in `deinit`.
final class CurlEasyHandle {
    /// The raw handle, valid for the lifetime of this object.
    let raw: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER storage: libcurl writes a readable reason here when a call fails.
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// Initialises libcurl once per process, then creates a handle; nil when libcurl is out of memory.
    init?() {
        _ = CurlEasyHandle.globalInit
        guard let handle = curl_easy_init() else { return nil }
        raw = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    // curl_global_init is not safe to call concurrently with other libcurl calls on old versions, so it runs
    // exactly once, lazily and thread-safely, through a static initialiser.
    private static let globalInit: Void = {
        _ = curl_global_init(Int(CURL_GLOBAL_SSL | CURL_GLOBAL_WIN32))
    }()

    /// The error buffer's text, or libcurl's generic text for `code` when the buffer is empty.
    func reason(for code: CURLcode) -> String {
        let buffered = String(cString: errorBuffer).trimmingCharactersInWhitespace()
        if !buffered.isEmpty { return buffered }
        return String(cString: curl_easy_strerror(code))
    }
}

/// Owns a `curl_slist` of header lines, freed in `deinit`.
final class CurlHeaderList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>? = nil

    /// Builds the list from `lines` (each `Name: value`, or `Name:` to suppress a default header).
    init(_ lines: [String]) {
        for line in lines {
            raw = curl_slist_append(raw, line)
        }
    }

    deinit { curl_slist_free_all(raw) }
}

/// Collects the response of one transfer from libcurl's write and header callbacks.
final class CurlResponseCollector {
    var body = Data()
    var headers: [HTTPHeader] = []

    /// libcurl calls this once per header line. A status line starts a new response, which discards the
    /// headers of interim (1xx) responses.
    func takeHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        let line = String(decoding: bytes, as: UTF8.self).trimmingCharactersInWhitespace()
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            return
        }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon]).trimmingCharactersInWhitespace()
        let value = String(line[line.index(after: colon)...]).trimmingCharactersInWhitespace()
        headers.append(HTTPHeader(name, value))
    }
}
