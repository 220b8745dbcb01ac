import Fluent

/// Village orders (点单, R3.3) and the quantity each menu item has given out per period.
struct CreateServiceOrders: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("service_orders")
            .id()
            .field("service_item_id", .uuid, .required, .references("service_items", "id", onDelete: .cascade))
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("venue_region_path", .string, .required)
            .field("village_id", .uuid, .required, .references("regions", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("quantity", .int, .required)
            .field("period_key", .string, .required)
            .field("window_start", .string, .required)
            .field("window_end", .string, .required)
            .field("expected_audience", .int, .required)
            .field("notes", .string, .required)
            .field("contact", .string, .required)
            .field("status", .string, .required)
            .field("decision_due", .datetime, .required)
            .field("ordered_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("ordered_at", .datetime, .required)
            .field("decided_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .field("reason", .string, .required)
            .field("proposed_starts_at", .datetime)
            .field("proposed_ends_at", .datetime)
            .field("proposal_note", .string, .required)
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("accepted_at", .datetime)
            .field("scheduled_starts_at", .datetime)
            .field("scheduled_ends_at", .datetime)
            .field("delivered_at", .datetime)
            .field("delivered_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("delivery_note", .string, .required)
            .create()
        try await database.createIndex("service_orders", columns: ["region_path", "status"])
        try await database.createIndex("service_orders", columns: ["venue_region_path", "status"])
        try await database.createIndex("service_orders", columns: ["venue_id", "status"])
        try await database.schema("service_item_usage")
            .id()
            .field("service_item_id", .uuid, .required, .references("service_items", "id", onDelete: .cascade))
            .field("period_key", .string, .required)
            .field("used", .int, .required)
            .unique(on: "service_item_id", "period_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("service_item_usage").delete()
        try await database.schema("service_orders").delete()
    }
}
