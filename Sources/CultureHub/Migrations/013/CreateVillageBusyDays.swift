import Fluent

/// Days a village cannot host a mobile service (a temple fair, the harvest, an election);
/// the tour planner skips them.
struct CreateVillageBusyDays: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("village_busy_days")
            .id()
            .field("village_id", .uuid, .required, .references("regions", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("day", .string, .required)
            .field("reason", .string, .required)
            .field("created_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "village_id", "day")
            .create()
        try await database.createIndex("village_busy_days", columns: ["region_path", "day"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("village_busy_days").delete()
    }
}
