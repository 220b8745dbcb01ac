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

    public init() {}

    public init(login: String, displayName: String, passwordHash: String, role: Role) {
        self.login = login
        self.displayName = displayName
        self.passwordHash = passwordHash
        self.role = role
        self.failedLogins = 0
        self.isActive = true
        self.mustChangePassword = false
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

struct AccountSessionAuthenticator: AsyncSessionAuthenticator {
    typealias User = Account
    func authenticate(sessionID: UUID, for request: Request) async throws {
        if let account = try await Account.find(sessionID, on: request.db), account.isActive {
            request.auth.login(account)
        }
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

    public init() {}
}
