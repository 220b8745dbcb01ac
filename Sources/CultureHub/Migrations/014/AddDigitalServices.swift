import Fluent

/// Digital services (数字服务, R4.6): how an activity is attended (in person, online, both) with
/// its live-stream link, and each venue's catalogue of digital resources with view counts.
struct AddDigitalServices: AsyncMigration {
    func prepare(on database: any Database) async throws {
        // Nullable, so existing rows and every older code path read as "in person".
        try await database.schema("activities").field("mode", .string).update()
        try await database.schema("activities").field("stream_url", .string).update()
        try await database.schema("digital_resources")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("url", .string, .required)
            .field("views", .int, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("digital_resources", columns: ["region_path", "kind"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("digital_resources").delete()
        try await database.schema("activities").deleteField("stream_url").update()
        try await database.schema("activities").deleteField("mode").update()
    }
}
