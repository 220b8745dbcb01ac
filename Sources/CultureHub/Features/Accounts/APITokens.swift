import Crypto
import Fluent
import SQLKit
import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

enum APITokens {
    static func hash(_ token: String) -> String {
        Hex.sha256(token)
    }

    /// The validities a holder may choose on the account page; the longest is the default.
    static let validityDays = [7, 30, 90]

    /// Creates a token and returns its one-time plain value; only the hash is kept.
    static func issue(for account: Account, name: String, expiresAt: Date, canWrite: Bool,
                      on db: any Database) async throws -> (APIToken, String) {
        let plain = "ch_" + CSRF.randomToken(bytes: 32)
        let token = APIToken()
        token.$account.id = try account.requireID()
        token.name = name
        token.tokenHash = hash(plain)
        token.tokenHint = String(plain.suffix(4))
        token.expiresAt = expiresAt
        token.canWrite = canWrite
        try await token.save(on: db)
        return (token, plain)
    }

    /// Revokes every live token of an account; returns how many. Inside the caller's transaction.
    @discardableResult
    static func revokeAll(of accountID: UUID, at now: Date, on db: any Database) async throws -> Int {
        let live = try await APIToken.query(on: db).filter(\.$account.$id == accountID)
            .filter(\.$revokedAt == nil).count()
        guard live > 0 else { return 0 }
        try await APIToken.query(on: db).filter(\.$account.$id == accountID).filter(\.$revokedAt == nil)
            .set(\.$revokedAt, to: now).update()
        return live
    }
}

/// What the bearer token of this request allows, set by `APITokenAuthenticator`.
struct TokenGrant: Sendable {
    let tokenID: UUID
    let canWrite: Bool
}

struct TokenGrantKey: StorageKey { typealias Value = TokenGrant }

/// `Authorization: Bearer ch_…` for the JSON API; revoked or expired tokens and inactive accounts
/// are refused. The account is read afresh on every call, so a role or scope change applies at once.
struct APITokenAuthenticator: AsyncBearerAuthenticator {
    func authenticate(bearer: BearerAuthorization, for request: Request) async throws {
        // Every API call runs this: one SQL row, no reflective model decoding.
        let t = APIToken.schema, a = Account.schema
        guard let row = try await (request.db as! any SQLDatabase).select()
            .column(SQLColumn("id", table: t), as: "token_id").column(SQLColumn("last_used_at", table: t))
            .column(SQLColumn("can_write", table: t))
            .column(SQLColumn("created_at", table: a), as: "account_created_at")
            .columns(Self.accountColumns.map { SQLColumn($0, table: a) })
            .from(t).join(a, on: SQLColumn("account_id", table: t), .equal, SQLColumn("id", table: a))
            .where(SQLColumn("token_hash", table: t), .equal, SQLBind(APITokens.hash(bearer.token)))
            .where(SQLColumn("revoked_at", table: t), .is, SQLLiteral.null)
            .where(SQLColumn("expires_at", table: t), .greaterThan, SQLBind(request.now))
            .first(decoding: TokenRow.self), row.is_active else { return }
        if (row.last_used_at.map { request.now.timeIntervalSince($0) > 300 } ?? true) {
            request.application.tokenUsage.record(row.token_id, at: request.now)
        }
        request.storage[TokenGrantKey.self] = TokenGrant(tokenID: row.token_id, canWrite: row.can_write)
        request.auth.login(row.account)
    }

    private static let accountColumns = [
        "id", "login", "display_name", "role", "scope_region_id", "scope_venue_id", "scope_path", "is_active",
        "must_change_password", "password_changed_at",
    ]

    private struct TokenRow: Decodable {
        let token_id: UUID, last_used_at: Date?, can_write: Bool
        let id: UUID, login: String, display_name: String, role: Role
        let scope_region_id: UUID?, scope_venue_id: UUID?, scope_path: String?, is_active: Bool
        let must_change_password: Bool, password_changed_at: Date?, account_created_at: Date?

        /// An existing account with the fields requests use (not its password hash).
        var account: Account {
            let account = Account()
            account.id = id
            account.$id.exists = true
            account.login = login
            account.displayName = display_name
            account.role = role
            account.$scopeRegion.id = scope_region_id
            account.$scopeVenue.id = scope_venue_id
            account.scopePath = scope_path
            account.isActive = is_active
            // What `passwordNeedsChange` reads: the API is blocked like the pages until it is done.
            account.mustChangePassword = must_change_password
            account.passwordChangedAt = password_changed_at
            account.createdAt = account_created_at
            return account
        }
    }
}

/// When each API token was last used, written in one statement every few seconds rather than
/// one write per request: a burst of first-time callers (everyone opening an app at 9:00 to
/// register) would otherwise queue behind each other for SQLite's single write lock.
final class TokenUsage: LifecycleHandler, Sendable {
    private let pending = NIOLockedValueBox<[UUID: Date]>([:])

    var pendingCount: Int { pending.withLockedValue { $0.count } }

    func record(_ tokenID: UUID, at time: Date) {
        pending.withLockedValue { $0[tokenID] = max($0[tokenID] ?? time, time) }
    }

    /// Writes what was recorded; pages that show "last used" call it first.
    func flush(on db: any Database) async throws {
        let batch = pending.withLockedValue { taken in defer { taken = [:] }; return taken }
        guard let latest = batch.values.max() else { return }
        // One time for the batch: it is at most a few seconds older than the true last use.
        try await db.writeTransaction { tx in
            try await APIToken.query(on: tx).filter(\.$id ~~ Array(batch.keys)).set(\.$lastUsedAt, to: latest).update()
        }
    }

    /// Writes recorded uses every 5 seconds; a last time when the app stops.
    func task() -> PeriodicTask {
        PeriodicTask("saving API token use", after: .seconds(5), every: .seconds(5), runsInTests: true) { app in
            try await self.flush(on: app.db)
        }
    }

    func shutdownAsync(_ app: Application) async {
        do { try await flush(on: app.db) } catch { app.logger.warning("saving API token use failed: \(error)") }
    }
}

struct TokenUsageKey: StorageKey { typealias Value = TokenUsage }

extension Application {
    var tokenUsage: TokenUsage {
        get { storage[TokenUsageKey.self]! }
        set { storage[TokenUsageKey.self] = newValue }
    }
}
