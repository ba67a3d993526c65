import Foundation

/// The status of an HTTP GET, for probes, through the shared libcurl transport (redirects not followed,
/// TLS verification on).
enum HTTPStatusFetcher {
    /// Why a GET failed.
    struct Failure: Error {
        let message: String
        let timedOut: Bool
    }

    /// The status of `GET url`, bounded by `timeout` seconds.
    static func status(of url: String, timeout: Double) -> Result<Int, Failure> {
        let client = HTTPClient(options: HTTPClientOptions(connectTimeout: timeout, requestTimeout: timeout))
        do {
            let response = try client.send(
                HTTPRequest(method: .get, url: url, headers: [HTTPHeader("Accept", "*/*")]),
                deadline: Date().addingTimeInterval(timeout))
            return .success(response.status)
        } catch {
            switch error {
            case .timedOut, .deadlineExceeded:
                return .failure(Failure(message: error.description, timedOut: true))
            default:
                return .failure(Failure(message: error.description, timedOut: false))
            }
        }
    }
}
