import Fluent

/// Government-procured mobile programmes (送戏下乡: a troupe, a budget, a number of shows) whose
/// shows are activities in villages; and the books a mobile-library stop lent.
struct CreateProgrammes: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("programmes")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("year", .int, .required)
            .field("title", .string, .required)
            .field("provider", .string, .required)
            .field("budget_fen", .int, .required)
            .field("shows_planned", .int, .required)
            .field("shows_assigned", .int, .required)
            .field("notes", .string, .required)
            .field("created_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("programmes", columns: ["region_path", "year"])
        // No foreign key: SQLite adds only plain columns in ALTER TABLE (DESIGN §3 rule 3); programmes are never deleted.
        try await database.schema("activities").field("programme_id", .uuid).update()
        try await database.schema("activities").field("books_lent", .int).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("activities").deleteField("books_lent").update()
        try await database.schema("activities").deleteField("programme_id").update()
        try await database.schema("programmes").delete()
    }
}
