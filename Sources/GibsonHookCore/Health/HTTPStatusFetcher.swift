internal import Clibcurl

/// A minimal HTTP GET that reports only the status, for probes. Kept in this one file so it can be replaced
/// by the transport's HTTP client without touching the probes.
enum HTTPStatusFetcher {
    /// Why a GET failed.
    struct Failure: Error {
        let message: String
        let timedOut: Bool
    }

    private static let globalInit: Void = { curl_global_init(Int(CURL_GLOBAL_DEFAULT)) }()

    /// The status of `GET url`, following no redirects, with TLS verification on.
    static func status(of url: String, timeout: Double) -> Result<Int, Failure> {
        _ = globalInit
        guard let handle = curl_easy_init() else { return .failure(Failure(message: "curl_easy_init failed", timedOut: false)) }
        defer { curl_easy_cleanup(handle) }
        let millis = max(1, Int(timeout * 1000))
        _ = gh_curl_setopt_string(handle, CURLOPT_URL, url)
        _ = gh_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        _ = gh_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, millis)
        _ = gh_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, millis)
        // Discard the body: only the status matters.
        _ = gh_curl_setopt_write_function(handle) { _, size, count, _ in size * count }
        let code = curl_easy_perform(handle)
        guard code == CURLE_OK else {
            let message = String(cString: curl_easy_strerror(code)).lowercased()
            return .failure(Failure(message: message, timedOut: code == CURLE_OPERATION_TIMEDOUT))
        }
        var status = 0
        _ = gh_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .success(status)
    }
}
