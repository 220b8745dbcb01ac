import Fluent

/// Citizens' demands (群众需求征集, R3.4) and who supports them.
struct CreateDemands: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("demands")
            .id()
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("kind", .string, .required)
            .field("description", .string, .required)
            .field("village_id", .uuid, .required, .references("regions", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("status", .string, .required)
            .field("supports", .int, .required)
            .field("answer", .string, .required)
            .field("service_item_id", .uuid, .references("service_items", "id", onDelete: .setNull))
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("answered_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("answered_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("demands", columns: ["region_path", "status", "supports"])
        try await database.schema("demand_supports")
            .id()
            .field("demand_id", .uuid, .required, .references("demands", "id", onDelete: .cascade))
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "demand_id", "account_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("demand_supports").delete()
        try await database.schema("demands").delete()
    }
}
