import Fluent

/// Optional personal details a citizen may give (issue #4): birth date, ID number and disability
/// status (both AES-GCM encrypted), and a guardian's consent for a child under 14 (PIPL art. 31).
struct CreateCitizenProfiles: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("citizen_profiles")
            .id()
            .field("account_id", .uuid, .required, .references("accounts", "id", onDelete: .cascade))
            .field("birth_date", .string)
            .field("id_number_enc", .string)
            .field("id_number_masked", .string)
            .field("disability_enc", .string)
            .field("guardian_name", .string)
            .field("guardian_relation", .string)
            .field("guardian_phone", .string)
            .field("guardian_consent_at", .datetime)
            .field("updated_at", .datetime, .required)
            .unique(on: "account_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("citizen_profiles").delete()
    }
}
