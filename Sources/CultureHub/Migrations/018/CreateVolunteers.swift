import Fluent

/// Cultural volunteer organisations, based at public cultural units, and citizens' applications
/// to join them (R6.1).
struct CreateVolunteers: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("volunteer_orgs")
            .id()
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("name", .string, .required)
            .field("leader_name", .string, .required)
            .field("leader_phone", .string, .required)
            .field("scope_note", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
        try await database.schema("volunteer_applications")
            .id()
            .field("org_id", .uuid, .required, .references("volunteer_orgs", "id", onDelete: .cascade))
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("skills", .string, .required)
            .field("availability", .string, .required)
            .field("areas", .string, .required)
            .field("status", .string, .required)
            .field("reason", .string, .required)
            .field("decided_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("decided_at", .datetime)
            .field("created_at", .datetime, .required)
            .unique(on: "org_id", "account_id")
            .create()
        try await database.createIndex("volunteer_applications", columns: ["region_path", "status"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("volunteer_applications").delete()
        try await database.schema("volunteer_orgs").delete()
    }
}
