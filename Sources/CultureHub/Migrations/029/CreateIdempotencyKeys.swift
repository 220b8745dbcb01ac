import Fluent

/// Remembered write requests (issue #20 point 9): an API `Idempotency-Key` or a page's one-time
/// form token, with the first answer, so a double submit answers with it instead of writing twice.
/// The unique index decides which of two identical requests at once does the work.
struct CreateIdempotencyKeys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(IdempotencyStore.table)
            .id()
            .field("owner", .string, .required)
            .field("key", .string, .required)
            .field("fingerprint", .string, .required)
            .field("state", .string, .required)
            .field("status", .int)
            .field("content_type", .string)
            .field("location", .string)
            .field("body", .data)
            .field("created_at", .datetime, .required)
            .unique(on: "owner", "key")
            .create()
        try await database.createIndex(IdempotencyStore.table, columns: ["created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(IdempotencyStore.table).delete()
    }
}
