import Fluent

/// Ratings and complaints (issue #5, R5.1 and R5.4).
struct CreateFeedback: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("ratings")
            .id()
            // "activity:<uuid>" or "venue:<uuid>": one rating per account and target, held by the
            // unique constraint below, so two quick submissions cannot both land.
            .field("target_key", .string, .required)
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .cascade))
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("score", .int, .required)
            .field("comment", .string, .required)
            .field("hidden_reason", .string)
            .field("hidden_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("hidden_at", .datetime)
            .field("created_at", .datetime, .required)
            .field("updated_at", .datetime, .required)
            .unique(on: "account_id", "target_key")
            .create()
        try await database.createIndex("ratings", "target_key")
        try await database.createIndex("ratings", columns: ["venue_id", "created_at"])
        try await database.createIndex("ratings", columns: ["region_path", "created_at"])

        try await database.schema("complaints")
            .id()
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("category", .string, .required)
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("region_path", .string, .required)
            .field("text", .string, .required)
            .field("photo_path", .string)
            .field("contact", .string, .required)
            .field("status", .string, .required)
            .field("answer", .string, .required)
            .field("due_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("answered_at", .datetime)
            .field("closed_at", .datetime)
            .field("reopened_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("complaints", columns: ["region_path", "status"])
        try await database.createIndex("complaints", "account_id")

        try await database.schema("complaint_events")
            .id()
            .field("complaint_id", .uuid, .required, .references("complaints", "id", onDelete: .cascade))
            // Order within the complaint: two steps can share a timestamp (answer implies accept).
            .field("seq", .int, .required)
            .field("action", .string, .required)
            .field("by_staff", .bool, .required)
            .field("actor_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("note", .string, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("complaint_events", columns: ["complaint_id", "seq"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("complaint_events").delete()
        try await database.schema("complaints").delete()
        try await database.schema("ratings").delete()
    }
}
