import Fluent

/// Spaces, special-group resources and free-opening notices: the rows that hang off a venue.
struct CreateVenueDetails: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("spaces")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("name", .string, .required)
            .field("kind", .string, .required)
            .field("capacity", .int, .required)
            .field("area_sqm", .int)
            .field("bookable", .bool, .required)
            .field("description", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("spaces", "venue_id")
        try await database.createIndex("spaces", "region_path")

        try await database.schema("special_resources")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("kind", .string, .required)
            .field("quantity", .int, .required)
            .field("note", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("special_resources", "venue_id")

        try await database.schema("free_opening_notices")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("title", .string, .required)
            .field("free_items", .string, .required)
            .field("content", .string, .required)
            .field("hours_text", .string, .required)
            .field("valid_from", .string, .required)
            .field("valid_until", .string)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("free_opening_notices", "venue_id")
    }

    func revert(on database: any Database) async throws {
        for table in ["free_opening_notices", "special_resources", "spaces"] {
            try await database.schema(table).delete()
        }
    }
}
