import Fluent
import SQLKit

/// The append-only, hash-chained audit log (R9.1, 等保 level 3 security audit).
/// `audit_head` holds the chain's end (and, after retention purges, its new start); updating it
/// is also the lock that keeps appends in order across app processes.
struct CreateAuditLog: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("audit_events")
            .id()
            .field("seq", .int64, .required)
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor", .string, .required)
            .field("action", .string, .required)
            .field("entity", .string, .required)
            .field("entity_id", .string, .required)
            .field("summary", .string, .required)
            .field("ip", .string, .required)
            .field("prev_hash", .string, .required)
            .field("hash", .string, .required)
            .unique(on: "seq")
            .create()
        try await database.createIndex("audit_events", columns: ["at"])
        try await database.createIndex("audit_events", columns: ["actor_id", "at"])
        try await database.createIndex("audit_events", columns: ["entity", "entity_id"])
        try await database.schema("audit_head")
            .field("id", .int, .identifier(auto: false))
            .field("last_seq", .int64, .required)
            .field("last_hash", .string, .required)
            .field("anchor_seq", .int64, .required)
            .field("anchor_hash", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.insert(into: "audit_head").columns("id", "last_seq", "last_hash", "anchor_seq", "anchor_hash")
            .values(SQLBind(1), SQLBind(Int64(0)), SQLBind(AuditChain.genesis), SQLBind(Int64(0)), SQLBind(AuditChain.genesis)).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("audit_head").delete()
        try await database.schema("audit_events").delete()
    }
}
