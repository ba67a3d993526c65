import Foundation

/// The `Authorization` header of one sink, built from `AuthSettings` and the environment at delivery time.
/// The secret itself never appears in an error message.
enum SinkCredentials {
    /// Why credentials could not be built.
    enum Problem: Error, Equatable, CustomStringConvertible {
        /// Bearer auth is configured but neither `token` nor the variable named by `tokenEnv` has a value.
        case missingToken(variable: String?)
        /// Basic auth is configured without a username.
        case missingUsername
        /// Basic auth is configured but neither `password` nor the variable named by `passwordEnv` has a value.
        case missingPassword(variable: String?)

        var description: String {
            switch self {
            case .missingToken(let variable?):
                return "bearer auth is configured but '\(variable)' is not set: export it or set auth.token"
            case .missingToken(nil): return "bearer auth is configured without a token: set auth.token or auth.tokenEnv"
            case .missingUsername: return "basic auth is configured without a username: set auth.username"
            case .missingPassword(let variable?):
                return "basic auth is configured but '\(variable)' is not set: export it or set auth.password"
            case .missingPassword(nil):
                return "basic auth is configured without a password: set auth.password or auth.passwordEnv"
            }
        }
    }

    /// The header to send, or nil for `none`. The `*Env` variable wins over the inline value.
    static func authorization(_ auth: AuthSettings, environment: ProcessEnvironment) throws(Problem) -> HTTPHeader? {
        switch auth.kind {
        case .none:
            return nil
        case .bearer:
            let fromEnv = auth.tokenEnv.flatMap { environment.nonEmpty($0) }
            guard let token = fromEnv ?? auth.token.flatMap({ $0.isEmpty ? nil : $0 }) else {
                throw .missingToken(variable: auth.tokenEnv)
            }
            return HTTPHeader("Authorization", "Bearer \(token)")
        case .basic:
            guard let user = auth.username, !user.isEmpty else { throw .missingUsername }
            let fromEnv = auth.passwordEnv.flatMap { environment.nonEmpty($0) }
            guard let password = fromEnv ?? auth.password else { throw .missingPassword(variable: auth.passwordEnv) }
            return HTTPHeader("Authorization", "Basic " + Data("\(user):\(password)".utf8).base64EncodedString())
        }
    }
}

extension EventSink {
    /// Runs `body` with the `Authorization` header built from `auth` (nil for none). When the credentials cannot
    /// be built, the whole batch is settled as not sent, naming the problem, and nothing is sent.
    func withAuthorization(
        _ auth: AuthSettings, environment: ProcessEnvironment, batch: [OutboundEvent],
        settle: ([Int], [DeliveryOutcome]) -> Bool, _ body: (HTTPHeader?) -> Void
    ) {
        let authorization: HTTPHeader?
        do {
            authorization = try SinkCredentials.authorization(auth, environment: environment)
        } catch {
            _ = settle(Array(batch.indices), batch.map { _ in .notSent(reason: "\(name) sink: \(error)") })
            return
        }
        body(authorization)
    }
}
