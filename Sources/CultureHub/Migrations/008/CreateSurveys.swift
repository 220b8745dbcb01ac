import Fluent

/// Satisfaction surveys answered online or entered from paper (issue #5, R5.2–R5.3).
struct CreateSurveys: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema("surveys")
            .id()
            .field("title_zh", .string, .required)
            .field("title_en", .string, .required)
            .field("intro_zh", .string, .required)
            .field("intro_en", .string, .required)
            .field("target_kind", .string, .required)
            .field("venue_id", .uuid, .references("venues", "id", onDelete: .cascade))
            .field("activity_id", .uuid, .references("activities", "id", onDelete: .cascade))
            .field("region_id", .uuid, .references("regions", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("status", .string, .required)
            .field("third_party", .bool, .required)
            .field("created_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("opened_at", .datetime)
            .field("closed_at", .datetime)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("surveys", columns: ["status", "created_at"])

        try await database.schema("survey_questions")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .field("position", .int, .required)
            .field("kind", .string, .required)
            .field("text_zh", .string, .required)
            .field("text_en", .string, .required)
            .field("required", .bool, .required)
            // JSON array of [zh, en] pairs for choice questions.
            .field("options", .string, .required)
            .field("for_satisfaction", .bool, .required)
            .create()
        try await database.createIndex("survey_questions", columns: ["survey_id", "position"])

        try await database.schema("survey_responses")
            .id()
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .field("offline", .bool, .required)
            .field("channel", .string, .required)
            .field("account_id", .uuid, .references("accounts", "id", onDelete: .setNull))
            // SHA-256 of the anonymous device cookie; NULLs do not collide in the unique keys.
            .field("device_key", .string)
            .field("anonymous", .bool, .required)
            .field("entered_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("paper_ref", .string, .required)
            .field("created_at", .datetime, .required)
            .unique(on: "survey_id", "account_id")
            .unique(on: "survey_id", "device_key")
            .create()

        try await database.schema("survey_answers")
            .id()
            .field("response_id", .uuid, .required, .references("survey_responses", "id", onDelete: .cascade))
            .field("survey_id", .uuid, .required, .references("surveys", "id", onDelete: .cascade))
            .field("question_id", .uuid, .required, .references("survey_questions", "id", onDelete: .cascade))
            .field("choice", .int)
            .field("scale", .int)
            .field("text", .string, .required)
            // Copied from the survey and response so satisfaction counts need no joins.
            .field("venue_id", .uuid)
            .field("region_path", .string, .required)
            .field("channel", .string, .required)
            .field("for_satisfaction", .bool, .required)
            .field("created_at", .datetime, .required)
            .create()
        try await database.createIndex("survey_answers", columns: ["question_id", "choice"])
        try await database.createIndex("survey_answers", columns: ["for_satisfaction", "created_at"])
    }

    func revert(on database: any Database) async throws {
        for table in ["survey_answers", "survey_responses", "survey_questions", "surveys"] { try await database.schema(table).delete() }
    }
}
