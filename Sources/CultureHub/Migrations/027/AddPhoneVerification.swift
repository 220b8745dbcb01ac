import Fluent
import SQLKit

/// Confirmed mobile numbers (issue #20 point 4): when each citizen proved their number, the codes
/// sent to prove it, and the text messages waiting for the gateway. Accounts from before stay
/// unconfirmed; they keep working, but their feedback counts once they confirm.
struct AddPhoneVerification: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("accounts").field("phone_verified_at", .datetime).update()
        try await database.schema(PhoneCode.schema)
            .id()
            .field("phone", .string, .required)
            .field("purpose", .string, .required)
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .cascade))
            .field("requester", .string, .required)
            .field("code_hash", .string, .required)
            .field("attempts", .int, .required)
            .field("created_at", .datetime, .required)
            .field("expires_at", .datetime, .required)
            .field("consumed_at", .datetime)
            .create()
        try await database.createIndex(PhoneCode.schema, columns: ["phone", "purpose", "created_at"])
        try await database.schema(SMSMessage.schema)
            .id()
            .field("to_number", .string, .required)
            .field("purpose", .string, .required)
            .field("text", .string, .required)
            .field("secret", .string, .required)
            .field("status", .string, .required)
            .field("provider_id", .string, .required)
            .field("last_error", .string, .required)
            .field("created_at", .datetime, .required)
            .field("sent_at", .datetime)
            .create()
        try await database.createIndex(SMSMessage.schema, columns: ["to_number", "created_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SMSMessage.schema).delete()
        try await database.schema(PhoneCode.schema).delete()
        try await database.schema("accounts").deleteField("phone_verified_at").update()
    }
}
