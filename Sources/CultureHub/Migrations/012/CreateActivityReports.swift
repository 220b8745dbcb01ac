import Fluent
import Foundation
import Scheduling
import SQLKit

/// Reports to the culture cloud (上报, R4.5): each activity's deadline, the reports staff file,
/// and the outbound job table that pushes them.
struct CreateActivityReports: AsyncMigration {
    let rule: ReportingRule
    let timeZone: TimeZone

    func prepare(on database: any Database) async throws {
        try await database.schema("activities").field("report_due_at", .datetime).update()
        // Existing activities get their deadline by the same rule new ones do.
        let sql = database as! any SQLDatabase
        struct Row: Decodable { let id: UUID; let ends_at: Date }
        for row in try await sql.select().columns("id", "ends_at").from("activities").all(decoding: Row.self) {
            try await sql.update("activities").set("report_due_at", to: ReportDeadline.due(endsAt: row.ends_at, rule: rule, timeZone: timeZone))
                .where("id", .equal, row.id).run()
        }
        try await database.createIndex("activities", columns: ["region_path", "report_due_at"])

        try await database.schema("activity_reports")
            .id()
            .field("activity_id", .uuid, .required, .references("activities", "id", onDelete: .cascade))
            .field("venue_id", .uuid, .required, .references("venues", "id", onDelete: .cascade))
            .field("region_path", .string, .required)
            .field("due_at", .datetime, .required)
            .field("attendance", .int, .required)
            .field("online_attendance", .int, .required)
            .field("checked_in", .int, .required)
            .field("headcount", .int)
            .field("summary", .string, .required)
            .field("photo_path", .string)
            .field("excess_reason", .string, .required)
            .field("flagged", .bool, .required)
            .field("submitted_by", .uuid, .references("accounts", "id", onDelete: .setNull))
            .field("submitted_at", .datetime, .required)
            .field("idempotency_key", .string, .required)
            .field("delivery", .string, .required)
            .field("receipt", .string)
            .field("accepted_at", .datetime)
            .unique(on: "activity_id")
            .unique(on: "idempotency_key")
            .create()
        try await database.createIndex("activity_reports", columns: ["region_path", "submitted_at"])

        try await database.schema("outbound_jobs")
            .id()
            .field("kind", .string, .required)
            .field("subject_id", .uuid, .required)
            .field("idempotency_key", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("locked_by", .string)
            .field("locked_until", .datetime)
            .field("last_error", .string, .required)
            .field("created_at", .datetime, .required)
            .field("finished_at", .datetime)
            .unique(on: "kind", "subject_id")
            .create()
        try await database.createIndex("outbound_jobs", columns: ["status", "next_attempt_at"])
    }

    func revert(on database: any Database) async throws {
        try await database.schema("outbound_jobs").delete()
        try await database.schema("activity_reports").delete()
        try await database.schema("activities").deleteField("report_due_at").update()
    }
}
