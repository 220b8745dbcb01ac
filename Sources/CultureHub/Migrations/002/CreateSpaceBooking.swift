import Fluent

/// Space booking requests by teams and citizens (R4.4).
struct CreateSpaceBooking: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("space_bookings")
            .id()
            .field("space_id", .uuid, .required, .references("spaces", "id", onDelete: .cascade))
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("team_name", .string, .required)
            .field("contact_phone", .string, .required)
            .field("purpose", .string, .required)
            .field("attendees", .int, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("rate", .string, .required)
            .field("fee_fen", .int, .required)
            .field("status", .string, .required)
            .field("decision_reason", .string, .required)
            .field("decided_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("space_bookings", columns: ["space_id", "starts_at"])
        try await database.createIndex("space_bookings", "region_path")
        try await database.createIndex("space_bookings", "account_id")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("space_bookings").delete()
    }
}
