internal import Clibcurl
internal import CurlLoader
import Foundation

/// Owns one libcurl easy handle and its error buffer; both are freed in `deinit`.
final class CurlEasyHandle {
    /// The raw handle, valid for the lifetime of this object.
    let raw: UnsafeMutableRawPointer
    /// CURLOPT_ERRORBUFFER storage: libcurl writes a readable reason here when a call fails.
    let errorBuffer: UnsafeMutablePointer<CChar>

    /// Loads and initialises libcurl once per process, then creates a handle. Throws the loader's reason
    /// when libcurl is missing, or when it cannot create a handle.
    init() throws(CurlLoadError) {
        guard gh_curl_load() == 1 else { throw CurlLoadError(reason: String(cString: gh_curl_load_error())) }
        guard let handle = gh_curl_easy_init() else { throw CurlLoadError(reason: "libcurl could not create a handle") }
        raw = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
    }

    deinit {
        gh_curl_easy_cleanup(raw)
        errorBuffer.deallocate()
    }

    /// The error buffer's text, or libcurl's generic text for `code` when the buffer is empty.
    func reason(for code: CURLcode) -> String {
        let buffered = String(cString: errorBuffer).trimmingCharacters(in: .whitespacesAndNewlines)
        if !buffered.isEmpty { return buffered }
        return String(cString: gh_curl_easy_strerror(code))
    }
}

/// libcurl could not be loaded or could not create a handle.
struct CurlLoadError: Error {
    /// The loader's explanation, naming the package to install where that is the cause.
    let reason: String
}

/// Owns a `curl_slist` of header lines, freed in `deinit`.
final class CurlHeaderList {
    private(set) var raw: UnsafeMutablePointer<curl_slist>? = nil

    /// Builds the list from `lines` (each `Name: value`, or `Name:` to suppress a default header).
    init(_ lines: [String]) {
        for line in lines {
            raw = gh_curl_slist_append(raw, line)
        }
    }

    deinit { gh_curl_slist_free_all(raw) }
}

/// Collects the response of one transfer from libcurl's write and header callbacks, keeping at most
/// `bodyLimit` bytes of the body and `headerLimit` bytes of header lines: a server answering gigabytes costs
/// no memory (the transfer is cut off at the limit, see `overflowed`).
final class CurlResponseCollector {
    var body = Data()
    var headers: [HTTPHeader] = []
    let bodyLimit: Int
    /// Header bytes kept per response; lines beyond it are dropped.
    static let headerLimit = 64 * 1024
    private var headerBytes = 0
    /// True once the body went past `bodyLimit`: the transfer was stopped there on purpose.
    private(set) var overflowed = false
    /// The socket the previous transfer used (libcurl reports it only once a transfer is done), which a
    /// kept-alive connection uses again; -1 when unknown.
    var socket = -1

    init(bodyLimit: Int) { self.bodyLimit = bodyLimit }

    /// Keeps what fits under the limit; returns false once the limit is passed (the caller stops the transfer).
    func takeBody(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let room = bodyLimit - body.count
        if bytes.count > room {
            if room > 0 { body.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[0..<room])) }
            overflowed = true
            return false
        }
        body.append(contentsOf: bytes)
        return true
    }

    /// libcurl calls this once per header line. A status line starts a new response, which discards the
    /// headers of interim (1xx) responses.
    func takeHeaderLine(_ bytes: UnsafeBufferPointer<UInt8>) {
        // Trim bytes, not Characters: "\r\n" is a single Character in Swift and escapes Character-based trims.
        var end = bytes.count
        while end > 0, [0x0D, 0x0A, 0x20, 0x09].contains(bytes[end - 1]) { end -= 1 }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            headers.removeAll()
            headerBytes = 0
            return
        }
        headerBytes += bytes.count
        guard headerBytes <= Self.headerLimit else { return }
        guard let colon = line.firstIndex(of: ":") else { return }
        let name = String(line[..<colon]).trimmingCharactersInWhitespace()
        let value = String(line[line.index(after: colon)...]).trimmingCharactersInWhitespace()
        headers.append(HTTPHeader(name, value))
    }
}
