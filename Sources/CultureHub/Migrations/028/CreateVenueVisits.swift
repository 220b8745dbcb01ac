import Fluent
import SQLKit

/// Visits proved by scanning a venue's on-site rating code (issue #20 point 5): one row per
/// account, venue and day, so a walk-in reader who never registered for anything may rate.
struct CreateVenueVisits: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("venue_visits")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("visited_on", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "account_id", "venue_id", "visited_on")
            .create()
        try await database.createIndex("venue_visits", columns: ["account_id", "venue_id", "created_at"])
        // Since when the citizen has given their home village: only services delivered after that
        // may be rated through it, so changing the village cannot reach past services elsewhere.
        try await database.schema("citizen_profiles").field("home_village_since", .datetime).update()
        try await (database as! any SQLDatabase).raw(
            "UPDATE citizen_profiles SET home_village_since = updated_at WHERE home_village_id IS NOT NULL").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("citizen_profiles").deleteField("home_village_since").update()
        try await database.schema("venue_visits").delete()
    }
}
