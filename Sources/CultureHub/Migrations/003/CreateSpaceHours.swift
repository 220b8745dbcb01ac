import Fluent

/// A space's own bookable hours (R4.4). A space without rows is bookable during its venue's
/// opening hours.
struct CreateSpaceHours: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("space_hours")
            .id()
            .field("space_id", .uuid, .required, .references("spaces", "id", onDelete: .cascade))
            .field("weekday", .int, .required)
            .field("opens_at", .int, .required)
            .field("closes_at", .int, .required)
            .create()
        try await database.createIndex("space_hours", "space_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("space_hours").delete()
    }
}
