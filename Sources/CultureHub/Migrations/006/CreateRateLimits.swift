import Fluent

/// Request counters per key and fixed time window, in the database so every app process
/// counts against the same limit (issue #4).
struct CreateRateLimits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("rate_limits")
            .field("key", .string, .identifier(auto: false))
            .field("hits", .int, .required)
            .field("expires_at", .datetime, .required)
            .create()
        try await database.createIndex("rate_limits", columns: ["expires_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("rate_limits").delete()
    }
}
