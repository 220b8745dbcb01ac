import Fluent

/// Mass creative works with their guidance, awards and performances (R6.4), and programmes:
/// consumption seasons, sponsorships and service brands with their activities (R6.3).
struct CreateWorksAndCampaigns: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("creative_works")
            .id()
            .field("title", .string, .required)
            .field("kind", .string, .required)
            .field("creators", .string, .required)
            .field("team_id", .uuid, .references("folk_teams", "id", onDelete: .setNull))
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("region_path", .string, .required)
            .field("created_on", .string, .required)
            .field("media_links", .string, .required)
            .field("description", .string, .required)
            .field("listed", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("creative_works", columns: ["region_path", "listed"])
        try await database.schema("creative_work_events")
            .id()
            .field("work_id", .uuid, .required, .references("creative_works", "id", onDelete: .cascade))
            .field("kind", .string, .required)
            .field("day", .string, .required)
            .field("text", .string, .required)
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .setNull))
            .field("recorded_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("creative_work_events", columns: ["work_id"])
        try await database.schema("culture_campaigns")
            .id()
            .field("kind", .string, .required)
            .field("name", .string, .required)
            .field("sponsor", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string)
            .field("benefits", .string, .required)
            .field("description", .string, .required)
            .field("region_path", .string, .required)
            .field("created_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("created_at", .datetime, .required)
            .unique(on: "name")
            .create()
        try await database.schema("campaign_activities")
            .id()
            .field("campaign_id", .uuid, .required, .references("culture_campaigns", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("created_at", .datetime, .required)
            .unique(on: "campaign_id", "activity_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in ["campaign_activities", "culture_campaigns", "creative_work_events", "creative_works"] {
            try await database.schema(table).delete()
        }
    }
}
