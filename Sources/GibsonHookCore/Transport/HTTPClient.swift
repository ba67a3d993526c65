internal import Clibcurl
internal import CurlLoader
import Foundation

/// The libcurl transport: one easy handle reused for every request so connections stay open across a
/// batch. TLS verification is always on; redirects are never followed; `Expect: 100-continue` is
/// suppressed; proxies come from the standard variables, which libcurl reads itself.
///
/// Not thread-safe: use one client per thread.
public final class HTTPClient: HTTPTransport {
    private let options: HTTPClientOptions
    /// Made on the first request, so a client that never sends (the native Kafka sink's) never loads libcurl.
    private lazy var handle: Result<CurlEasyHandle, CurlLoadError> = Result { () throws(CurlLoadError) in try CurlEasyHandle() }
    /// The socket of the last finished transfer (see `acknowledgeNow`).
    private var lastSocket = -1

    /// Creates a client; libcurl is loaded on first use and the handle is reused until the client is released.
    public init(options: HTTPClientOptions) {
        self.options = options
    }

    /// Sends `request`, bounded by the client's timeouts and by `deadline`.
    public func send(_ request: HTTPRequest, deadline: Date) throws(HTTPError) -> HTTPResponse {
        let url = HTTPError.displayURL(request.url)
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0.005 else { throw .deadlineExceeded(url: url) }
        let handle: CurlEasyHandle
        switch self.handle {
        case .success(let ready): handle = ready
        case .failure(let error): throw .invalidRequest(url: url, reason: error.reason)
        }
        // Reset clears every option of the previous request but keeps the connection cache.
        gh_curl_easy_reset(handle.raw)
        handle.errorBuffer[0] = 0
        let collector = CurlResponseCollector(bodyLimit: max(1024, request.responseLimit))
        collector.socket = lastSocket
        let headerLines = request.headers.map { "\($0.name): \($0.value)" } + ["Expect:"]
        let headerList = CurlHeaderList(headerLines)
        var body = [UInt8](request.body)
        // An empty POSTFIELDS pointer would make libcurl read the body from stdin: point at a dummy byte.
        if body.isEmpty { body = [0] }
        let result = withExtendedLifetime((collector, headerList)) { () -> Result<HTTPResponse, HTTPError> in
            body.withUnsafeMutableBytes { bytes in
                Result { () throws(HTTPError) -> HTTPResponse in
                    try configure(handle, request, url: url, remaining: remaining, headers: headerList)
                    if request.method != .get {
                        let size = curl_off_t(request.body.count)
                        try check(gh_curl_setopt_off_t(handle.raw, CURLOPT_POSTFIELDSIZE_LARGE, size), handle, url)
                        try check(gh_curl_setopt_pointer(handle.raw, CURLOPT_POSTFIELDS, bytes.baseAddress), handle, url)
                    }
                    let context = Unmanaged.passUnretained(collector).toOpaque()
                    try check(gh_curl_setopt_pointer(handle.raw, CURLOPT_WRITEDATA, context), handle, url)
                    try check(gh_curl_setopt_pointer(handle.raw, CURLOPT_HEADERDATA, context), handle, url)
                    try check(gh_curl_setopt_write_function(handle.raw, curlWriteBody), handle, url)
                    try check(gh_curl_setopt_header_function(handle.raw, curlWriteHeader), handle, url)
                    try perform(handle, url: url, cutOff: { collector.overflowed })
                    var status = 0
                    _ = gh_curl_getinfo_long(handle.raw, CURLINFO_RESPONSE_CODE, &status)
                    var socket = -1
                    if gh_curl_getinfo_long(handle.raw, CURLINFO_LASTSOCKET, &socket) == CURLE_OK { lastSocket = socket }
                    var response = HTTPResponse(status: status, headers: collector.headers, body: collector.body)
                    response.bodyTruncated = collector.overflowed
                    return response
                }
            }
        }
        return try result.get()
    }

    private func configure(
        _ handle: CurlEasyHandle, _ request: HTTPRequest, url: String, remaining: Double, headers: CurlHeaderList
    ) throws(HTTPError) {
        let raw = handle.raw
        let totalMs = max(1, Int((min(options.requestTimeout, remaining) * 1000).rounded(.up)))
        let connectMs = max(1, min(totalMs, Int((options.connectTimeout * 1000).rounded(.up))))
        try check(gh_curl_setopt_pointer(raw, CURLOPT_ERRORBUFFER, handle.errorBuffer), handle, url)
        try check(gh_curl_setopt_string(raw, CURLOPT_URL, request.url), handle, url)
        try check(gh_curl_setopt_long(raw, CURLOPT_NOSIGNAL, 1), handle, url)
        try check(gh_curl_setopt_long(raw, CURLOPT_CONNECTTIMEOUT_MS, connectMs), handle, url)
        try check(gh_curl_setopt_long(raw, CURLOPT_TIMEOUT_MS, totalMs), handle, url)
        try check(gh_curl_setopt_long(raw, CURLOPT_FOLLOWLOCATION, 0), handle, url)
        try check(gh_curl_setopt_long(raw, CURLOPT_SSL_VERIFYPEER, 1), handle, url)
        try check(gh_curl_setopt_long(raw, CURLOPT_SSL_VERIFYHOST, 2), handle, url)
        try check(gh_curl_setopt_string(raw, CURLOPT_USERAGENT, "gibson-hook/\(GibsonHookVersion.current)"), handle, url)
        if let caFile = options.tls.caFile {
            try check(gh_curl_setopt_string(raw, CURLOPT_CAINFO, caFile), handle, url)
        }
        if let certFile = options.tls.certFile {
            try check(gh_curl_setopt_string(raw, CURLOPT_SSLCERT, certFile), handle, url)
        }
        if let keyFile = options.tls.keyFile {
            try check(gh_curl_setopt_string(raw, CURLOPT_SSLKEY, keyFile), handle, url)
        }
        switch request.method {
        case .get: try check(gh_curl_setopt_long(raw, CURLOPT_HTTPGET, 1), handle, url)
        case .post: try check(gh_curl_setopt_long(raw, CURLOPT_POST, 1), handle, url)
        case .patch:
            try check(gh_curl_setopt_long(raw, CURLOPT_POST, 1), handle, url)
            try check(gh_curl_setopt_string(raw, CURLOPT_CUSTOMREQUEST, "PATCH"), handle, url)
        }
        try check(gh_curl_setopt_slist(raw, CURLOPT_HTTPHEADER, headers.raw), handle, url)
    }

    /// Runs the transfer and classifies a failure by whether the request can have reached the server.
    /// A transfer cut off at the body limit (`cutOff()` true) is an answer: the status and the kept
    /// prefix are there, the rest was never read.
    private func perform(_ handle: CurlEasyHandle, url: String, cutOff: () -> Bool) throws(HTTPError) {
        let code = gh_curl_easy_perform(handle.raw)
        guard code != CURLE_OK else { return }
        if code == CURLE_WRITE_ERROR, cutOff() { return }
        let reason = handle.reason(for: code)
        switch code {
        case CURLE_UNSUPPORTED_PROTOCOL, CURLE_URL_MALFORMAT, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CACERT_BADFILE,
            CURLE_SSL_ENGINE_NOTFOUND, CURLE_BAD_FUNCTION_ARGUMENT:
            throw .invalidRequest(url: url, reason: reason)
        default: break
        }
        // Before the request is on the wire (no pre-transfer time yet), nothing can have reached the server.
        var pretransfer = 0.0
        _ = gh_curl_getinfo_double(handle.raw, CURLINFO_PRETRANSFER_TIME, &pretransfer)
        if pretransfer == 0 { throw .couldNotConnect(url: url, reason: reason) }
        if code == CURLE_OPERATION_TIMEDOUT { throw .timedOut(url: url, reason: reason) }
        throw .transferFailed(url: url, reason: reason)
    }

    /// The one check for libcurl option calls: a failure becomes a typed error with libcurl's reason.
    private func check(_ code: CURLcode, _ handle: CurlEasyHandle, _ url: String) throws(HTTPError) {
        guard code != CURLE_OK else { return }
        throw .invalidRequest(url: url, reason: handle.reason(for: code))
    }
}

// libcurl's C callbacks: they cannot capture context, so the collector travels as the user-data pointer.
/// Hands one chunk libcurl delivers to the collector behind `context`; returns what libcurl expects (the
/// whole length when `take` keeps it, 0 to stop the transfer).
private func curlChunk(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?,
    _ take: (CurlResponseCollector, UnsafeBufferPointer<UInt8>) -> Bool
) -> Int {
    guard let data, let context else { return 0 }
    let collector = Unmanaged<CurlResponseCollector>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let kept = data.withMemoryRebound(to: UInt8.self, capacity: length) { take(collector, UnsafeBufferPointer(start: $0, count: length)) }
    return kept ? length : 0
}

private func curlWriteBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    // Returning less than the length makes libcurl stop the transfer (CURLE_WRITE_ERROR): nothing more is read.
    curlChunk(data, size, count, context) { collector, chunk in collector.takeBody(chunk) }
}

private func curlWriteHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?
) -> Int {
    curlChunk(data, size, count, context) { collector, line in
        collector.takeHeaderLine(line)
        // The blank line that ends the headers.
        if line.count <= 2, collector.socket >= 0 { acknowledgeNow(collector.socket) }
        return true
    }
}

/// At the end of a response's headers, asks the kernel to acknowledge what arrived at once instead of up to
/// 40 ms later (Linux `TCP_QUICKACK`). A server that writes headers and body separately with Nagle's
/// algorithm on (Python's `http.server`, for one) holds the body back until that acknowledgement, which
/// otherwise costs every request on a kept-alive connection a delayed-ACK wait.
private func acknowledgeNow(_ socket: Int) {
    #if os(Linux)
    // A socket that is no longer this connection's (or no socket) just makes the call fail: harmless.
    var one: Int32 = 1
    _ = setsockopt(Int32(socket), Int32(IPPROTO_TCP), 12 /* TCP_QUICKACK */, &one, socklen_t(MemoryLayout<Int32>.size))
    #endif
}
