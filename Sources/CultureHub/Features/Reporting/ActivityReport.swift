import Fluent
import Foundation

/// Where a filed report is on its way to the culture cloud.
public enum ReportDelivery: String, Codable, Sendable, CaseIterable, Labeled {
    /// Waiting in the job table for the next push.
    case queued
    /// The cloud answered with a receipt.
    case accepted
    /// No `CLOUD_URL`: written to the outbox folder for upload by hand.
    case outbox
    /// Retries ran out; staff see it and it can be sent again.
    case failed
    public var zh: String { switch self { case .queued: "等待推送"; case .accepted: "文旅云已接收"; case .outbox: "已导出到待上传文件夹"; case .failed: "推送失败" } }
    public var en: String { switch self { case .queued: "Waiting to be sent"; case .accepted: "Accepted by the cloud"; case .outbox: "Written to the outbox folder"; case .failed: "Sending failed" } }
}

/// What a unit reports about one activity (上报, R4.5): attendance (in person from check-ins and
/// the headcount, and online), a summary and a photo. Filed once; the platform pushes it.
public final class ActivityReport: Model, @unchecked Sendable {
    public static let schema = "activity_reports"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "activity_id") public var activity: Activity
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "due_at") public var dueAt: Date
    /// In-person attendance as reported.
    @Field(key: "attendance") public var attendance: Int
    @Field(key: "online_attendance") public var onlineAttendance: Int
    /// What the platform itself recorded when the report was filed.
    @Field(key: "checked_in") public var checkedIn: Int
    @OptionalField(key: "headcount") public var headcount: Int?
    @Field(key: "summary") public var summary: String
    @OptionalField(key: "photo_path") public var photoPath: String?
    /// Why attendance is above capacity or above what was recorded; such reports are flagged.
    @Field(key: "excess_reason") public var excessReason: String
    @Field(key: "flagged") public var flagged: Bool
    @OptionalField(key: "submitted_by") public var submittedBy: UUID?
    @Field(key: "submitted_at") public var submittedAt: Date
    /// Sent with every attempt, so the cloud can tell a retry from a new report.
    @Field(key: "idempotency_key") public var idempotencyKey: String
    @Field(key: "delivery") public var delivery: ReportDelivery
    @OptionalField(key: "receipt") public var receipt: String?
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?

    public init() {}

    var isLate: Bool { submittedAt > dueAt }
}

extension ActivityReport: ScopedModel {
    public static var regionPathKey: KeyPath<ActivityReport, FieldProperty<ActivityReport, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<ActivityReport>, toVenue venueID: UUID) -> QueryBuilder<ActivityReport> {
        query.filter(\.$venue.$id == venueID)
    }
}
