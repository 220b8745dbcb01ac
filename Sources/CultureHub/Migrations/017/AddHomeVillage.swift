import Fluent

/// A citizen's home village (optional), so they can rate the services their village ordered.
struct AddHomeVillage: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("citizen_profiles").field("home_village_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("citizen_profiles").deleteField("home_village_id").update()
    }
}
