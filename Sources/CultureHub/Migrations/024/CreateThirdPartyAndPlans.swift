import Fluent

/// Third-party survey results (R8.3) and each unit's yearly efficiency-improvement plan
/// (效能提升办法) with its measures.
struct CreateThirdPartyAndPlans: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("third_party_results")
            .id()
            .field("batch_id", .uuid, .required)
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("surveyed_at", .datetime, .required)
            .field("score", .int, .required)
            .field("count", .int, .required)
            .field("source", .string, .required)
            .field("created_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("third_party_results", columns: ["region_path", "surveyed_at"])
        try await database.schema("improvement_plans")
            .id()
            .field("unit_kind", .string, .required)
            .field("unit_id", .uuid, .required)
            .field("unit_name", .string, .required)
            .field("region_path", .string, .required)
            .field("year", .int, .required)
            .field("summary", .string, .required)
            .field("created_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "unit_kind", "unit_id", "year")
            .create()
        try await database.schema("improvement_measures")
            .id()
            .field("plan_id", .uuid, .required, .references("improvement_plans", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("measure", .string, .required)
            .field("owner", .string, .required)
            .field("deadline", .string, .required)
            .field("indicators", .string, .required)
            .field("progress", .int, .required)
            .field("progress_note", .string, .required)
            .field("updated_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["improvement_measures", "improvement_plans", "third_party_results"] { try await database.schema(table).delete() }
    }
}
