import Fluent

/// Resources a main venue sends round its 总分馆 tree (R1.3): book batches, touring exhibitions
/// and equipment, with their dates and returns.
struct CreateCirculations: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("circulations")
            .id()
            .field("from_venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("from_region_path", .string, .required)
            .field("to_venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("quantity", .int, .required)
            .field("sent_on", .string, .required)
            .field("due_back", .string, .required)
            .field("returned_on", .string)
            .field("returned_quantity", .int)
            .field("return_note", .string, .required)
            .field("created_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("circulations", columns: ["region_path", "returned_on"])
        try await database.createIndex("circulations", columns: ["from_region_path", "returned_on"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("circulations").delete()
    }
}
