import Fluent
import Foundation
import SQLKit

/// Account lifecycle (issue #20 point 6): a session generation that a password change bumps to end
/// every other session, and API tokens that expire and are read-only unless made for writing.
/// Tokens issued before this migration keep working for 90 more days and stay writable, so an
/// upgrade breaks no integration; their holders replace them within that time.
struct AddAccountLifecycle: AsyncMigration {
    static let grandfatheredDays = 90

    func prepare(on database: any Database) async throws {
        // One column per ALTER: SQLite adds columns one at a time.
        try await database.schema("accounts")
            .field("session_generation", .int, .required, .sql(.default(0))).update()
        // Nullable only because SQLite cannot add a NOT NULL column without a constant default;
        // every token gets a value below and at issue, and a missing one counts as expired.
        try await database.schema("api_tokens").field("expires_at", .datetime).update()
        try await database.schema("api_tokens").field("can_write", .bool, .required, .sql(.default(false))).update()
        try await Self.grandfatherTokens(now: Date(), on: database)
    }

    /// Every token without an expiry (all of them, when this migration runs) keeps working for
    /// 90 days from `now` with the write access it always had.
    static func grandfatherTokens(now: Date, on database: any Database) async throws {
        try await (database as! any SQLDatabase).update("api_tokens")
            .set("expires_at", to: SQLBind(now.addingTimeInterval(Double(grandfatheredDays) * 86_400)))
            .set("can_write", to: SQLBind(true))
            .where("expires_at", .is, SQLLiteral.null)
            .run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("can_write").update()
        try await database.schema("api_tokens").deleteField("expires_at").update()
        try await database.schema("accounts").deleteField("session_generation").update()
    }
}
