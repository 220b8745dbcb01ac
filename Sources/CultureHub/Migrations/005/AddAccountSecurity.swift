import Fluent

/// Password age, a forced first change, and the optional second factor (issue #4, access control).
/// One column per ALTER: SQLite adds columns one at a time.
struct AddAccountSecurity: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").field("password_changed_at", .datetime).update()
        try await database.schema("accounts").field("must_change_password", .bool, .required, .sql(.default(false))).update()
        try await database.schema("accounts").field("totp_secret", .string).update()
        try await database.schema("accounts").field("totp_last_step", .int64).update()
    }

    func revert(on database: any Database) async throws {
        for column in ["password_changed_at", "must_change_password", "totp_secret", "totp_last_step"] {
            try await database.schema("accounts").deleteField(.string(column)).update()
        }
    }
}
