import Fluent

struct CreateVenue: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("venues")
            .id()
            .field("name", .string, .required)
            .field("type", .string, .required)
            .field("tier", .string, .required)
            .field("network_role", .string, .required)
            .field("region_id", .uuid, .required, .references("regions", "id"))
            .field("region_path", .string, .required)
            .field("parent_venue_id", .uuid, .references("venues", "id"))
            .field("address", .string, .required)
            .field("latitude", .double)
            .field("longitude", .double)
            .field("phone", .string, .required)
            .field("status", .string, .required)
            .field("intro", .string, .required)
            .field("accessibility", .string, .required)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("venues", "region_path")
        try await database.createIndex("venues", "region_id")
        try await database.createIndex("venues", "parent_venue_id")

        try await database.schema("opening_hours")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("weekday", .int, .required)
            .field("opens_at", .int, .required)
            .field("closes_at", .int, .required)
            .unique(on: "venue_id", "weekday", "opens_at")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("opening_hours").delete()
        try await database.schema("venues").delete()
    }
}
