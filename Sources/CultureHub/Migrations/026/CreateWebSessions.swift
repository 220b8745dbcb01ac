import Fluent
import Vapor

/// Moves web sessions to `web_sessions` (issue #20 point 10): Fluent's table has no times to purge
/// by. Sessions in the old table are not carried over, so everyone signs in once after the upgrade.
struct CreateWebSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(StoredSessionDriver.table)
            .field("key", .string, .identifier(auto: false))
            .field("data", .string, .required)
            .field("account_id", .uuid)
            .field("seen_at", .datetime, .required)
            .create()
        try await database.createIndex(StoredSessionDriver.table, columns: ["seen_at"])
        try await database.createIndex(StoredSessionDriver.table, columns: ["account_id"])
        try await database.schema("_fluent_sessions").delete()
    }

    func revert(on database: any Database) async throws {
        try await SessionRecord.migration.prepare(on: database).get()
        try await database.schema(StoredSessionDriver.table).delete()
    }
}
