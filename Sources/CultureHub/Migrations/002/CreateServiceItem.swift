import Fluent

/// The service menu (服务菜单, R3.1).
struct CreateServiceItem: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("service_items")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("content", .string, .required)
            .field("quantity", .int, .required)
            .field("period", .string, .required)
            .field("unit", .string, .required)
            .field("target_groups", .string, .required)
            .field("fee_fen", .int, .required)
            .field("fee_note", .string, .required)
            .field("orderable", .bool, .required)
            .field("active", .bool, .required)
            .field("created_at", .datetime)
            .create()
        try await database.createIndex("service_items", "venue_id")
        try await database.createIndex("service_items", "region_path")
    }

    func revert(on database: any Database) async throws {
        try await database.schema("service_items").delete()
    }
}
