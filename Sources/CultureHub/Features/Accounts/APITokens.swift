import Crypto
import Fluent
import Foundation
import Vapor

enum APITokens {
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Creates a token and returns its one-time plain value; only the hash is kept.
    static func issue(for account: Account, name: String, on db: any Database) async throws -> (APIToken, String) {
        let plain = "ch_" + CSRF.randomToken(bytes: 32)
        let token = APIToken()
        token.$account.id = try account.requireID()
        token.name = name
        token.tokenHash = hash(plain)
        token.tokenHint = String(plain.suffix(4))
        try await token.save(on: db)
        return (token, plain)
    }
}

/// `Authorization: Bearer ch_…` for the JSON API; revoked tokens and inactive accounts are refused.
struct APITokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        guard let token = try await APIToken.query(on: request.db)
            .filter(\.$tokenHash == APITokens.hash(bearer.token))
            .filter(\.$revokedAt == nil)
            .with(\.$account)
            .first(), token.account.isActive else { return }
        if (token.lastUsedAt.map { request.now.timeIntervalSince($0) > 300 } ?? true) {
            token.lastUsedAt = request.now
            // Queued with the other writes on SQLite rather than spinning on its lock.
            try await request.db.writeTransaction { try await token.save(on: $0) }
        }
        request.auth.login(token.account)
    }
}
