import Fluent
import Foundation
import Vapor

public final class Account: Model, @unchecked Sendable {
    public static let schema = "accounts"

    @ID(key: .id) public var id: UUID?
    /// Citizens sign in with their mobile number, staff with a user name.
    @Field(key: "login") public var login: String
    @Field(key: "display_name") public var displayName: String
    @Field(key: "password_hash") public var passwordHash: String
    @Field(key: "role") public var role: Role
    @OptionalParent(key: "scope_region_id") public var scopeRegion: Region?
    @OptionalParent(key: "scope_venue_id") public var scopeVenue: Venue?
    /// Region path of the scope (the venue's region for venue scopes), fixed at creation.
    @OptionalField(key: "scope_path") public var scopePath: String?
    @Field(key: "failed_logins") public var failedLogins: Int
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @Field(key: "is_active") public var isActive: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    /// Staff passwords expire (`PASSWORD_MAX_AGE_DAYS`); nil means "since the account was created".
    @OptionalField(key: "password_changed_at") public var passwordChangedAt: Date?
    /// Set for an initial or reset password, which its owner must replace before working.
    @Field(key: "must_change_password") public var mustChangePassword: Bool
    /// The second factor's secret, AES-GCM encrypted (`FieldCipher`); nil when not enabled.
    @OptionalField(key: "totp_secret") public var totpSecret: String?
    /// The last time step a code was accepted for: each code works once.
    @OptionalField(key: "totp_last_step") public var totpLastStep: Int64?
    /// A session counts only while it carries this number: a password change or a deactivation
    /// bumps it, which ends every session started before (issue #20 point 6).
    @Field(key: "session_generation") public var sessionGeneration: Int
    /// When a citizen last proved by SMS code that the number they sign in with is theirs; nil
    /// for accounts from before codes existed. Only confirmed people's feedback counts.
    @OptionalField(key: "phone_verified_at") public var phoneVerifiedAt: Date?

    public init() {}

    public init(login: String, displayName: String, passwordHash: String, role: Role) {
        self.login = login
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.failedLogins = 0
        self.isActive = true
        self.mustChangePassword = false
        self.sessionGeneration = 0
    }

    /// Whether a staff member must set a new password before doing anything else.
    func passwordNeedsChange(now: Date, maxAgeDays: Int) -> Bool {
        guard role.isStaff else { return false }
        if mustChangePassword { return true }
        guard maxAgeDays > 0, let since = passwordChangedAt ?? createdAt else { return false }
        return now.timeIntervalSince(since) > Double(maxAgeDays) * 86_400
    }

    /// nil for citizens: they have no staff scope at all.
    public var scope: Scope? {
        guard role.isStaff, let path = scopePath else { return nil }
        if role.scopeKind == .venue, let venueID = $scopeVenue.id {
            return .venue(id: venueID, regionPath: path)
        }
        return .region(path: path)
    }
}

extension Account: SessionAuthenticatable {
    public var sessionID: UUID { id! }
}

extension Request {
    /// Where a session keeps the generation it was started under; sessions from before
    /// generations existed have none and count as generation 0, so an upgrade signs nobody out.
    static let sessionGenerationKey = "gen"

    /// Marks this session as current for `account`, after sign-in or its own password change.
    func bindSession(to account: Account) {
        session.data[Self.sessionGenerationKey] = String(account.sessionGeneration)
    }
}

/// Loads the account afresh on every request, so a deactivation, a role or a scope change applies
/// at the next request; a session from before a password change or deactivation no longer counts.
struct AccountSessionAuthenticator: AsyncSessionAuthenticator {
    typealias User = Account
    func authenticate(sessionID: UUID, for request: Request) async throws {
        guard let account = try await Account.find(sessionID, on: request.db), account.isActive else { return }
        let generation = request.session.data[Request.sessionGenerationKey].flatMap(Int.init) ?? 0
        guard generation == account.sessionGeneration else { return }
        request.auth.login(account)
    }
}

/// A bearer token for the JSON API. Only its SHA-256 is stored.
public final class APIToken: Model, @unchecked Sendable {
    public static let schema = "api_tokens"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "account_id") public var account: Account
    @Field(key: "name") public var name: String
    @Field(key: "token_hash") public var tokenHash: String
    @Field(key: "token_hint") public var tokenHint: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @OptionalField(key: "last_used_at") public var lastUsedAt: Date?
    @OptionalField(key: "revoked_at") public var revokedAt: Date?
    /// Always set by `APITokens.issue` and by the migration that added it; nil counts as expired.
    @OptionalField(key: "expires_at") public var expiresAt: Date?
    /// Read-only unless made for writing: a leaked read token changes nothing.
    @Field(key: "can_write") public var canWrite: Bool

    public init() {}

    func isUsable(at now: Date) -> Bool {
        revokedAt == nil && (expiresAt.map { $0 > now } ?? false)
    }
}
