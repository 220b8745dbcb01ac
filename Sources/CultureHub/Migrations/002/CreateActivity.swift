import Fluent
import SQLKit

/// Activities (R4.1), registrations with their waiting list and check-in (R4.2), and
/// headcounts for open activities.
struct CreateActivity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("activities")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("service_item_id", .uuid, .references("service_items", "id", onDelete: .setNull))
            .field("space_id", .uuid, .references("spaces", "id", onDelete: .setNull))
            .field("village_id", .uuid, .references("regions", "id", onDelete: .setNull))
            .field("held_in_path", .string, .required)
            .field("location", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("description", .string, .required)
            .field("target_groups", .string, .required)
            .field("starts_at", .datetime, .required)
            .field("ends_at", .datetime, .required)
            .field("registration", .string, .required)
            .field("capacity", .int, .required)
            // Places given to confirmed registrations; only ever changed by a conditional
            // UPDATE that keeps it within capacity (DESIGN §3 rule 6).
            .field("confirmed_places", .int, .required)
            .field("waiting_places", .int, .required)
            .field("cancel_deadline", .datetime)
            .field("per_account_limit", .int, .required)
            .field("status", .string, .required)
            .field("photo_path", .string)
            .field("headcount", .int)
            .field("headcount_photo_path", .string)
            .field("created_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .constraint(.custom(SQLRaw("CHECK (confirmed_places >= 0 AND confirmed_places <= capacity)")))
            .create()
        try await database.createIndex("activities", "venue_id")
        try await database.createIndex("activities", "region_path")
        try await database.createIndex("activities", "held_in_path")
        try await database.createIndex("activities", "starts_at")
        try await database.createIndex("activities", "space_id")

        try await database.schema("registrations")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("name", .string, .required)
            .field("phone", .string, .required)
            .field("places", .int, .required)
            .field("status", .string, .required)
            .field("proxy_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("checked_in_at", .datetime)
            .field("checked_in_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime)
            .create()
        try await database.createIndex("registrations", columns: ["activity_id", "status", "created_at"])
        try await database.createIndex("registrations", "account_id")
        try await database.createIndex("registrations", "region_path")

        // Refused and forged check-in attempts, kept for staff to review (R4.2).
        try await database.schema("checkin_attempts")
            .id()
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .cascade))
            .field("staff_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("outcome", .string, .required)
            .field("token_excerpt", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("checkin_attempts", "activity_id")

        try await database.schema("signing_keys")
            .field("purpose", .string, .identifier(auto: false))
            .field("secret", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["signing_keys", "checkin_attempts", "registrations", "activities"] {
            try await database.schema(table).delete()
        }
    }
}
