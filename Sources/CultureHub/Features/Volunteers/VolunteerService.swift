import Fluent
import Foundation

/// Where a volunteer's hours stand: served and awaiting confirmation, confirmed by staff, or
/// not accepted (with a reason the volunteer sees).
public enum HoursState: String, Codable, Sendable, CaseIterable, Labeled {
    case none, pending, confirmed, declined
    public var zh: String { switch self { case .none: "未服务"; case .pending: "待确认"; case .confirmed: "已确认"; case .declined: "未认定" } }
    public var en: String { switch self { case .none: "Not served yet"; case .pending: "Awaiting confirmation"; case .confirmed: "Confirmed"; case .declined: "Not accepted" } }
}

/// A recruitment post (志愿服务招募): a task with slots, standalone or for an activity.
public final class VolunteerPost: Model, @unchecked Sendable {
    public static let schema = "volunteer_posts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "org_id") public var org: VolunteerOrg
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @OptionalParent(key: "activity_id") public var activity: Activity?
    @Field(key: "title") public var title: String
    /// Duties and requirements, as the volunteer reads them.
    @Field(key: "duties") public var duties: String
    @Field(key: "place") public var place: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "slots") public var slots: Int
    /// Slots signed up for; changed only by conditional updates (see VolunteerServiceDesk.signUp).
    @Field(key: "taken") public var taken: Int
    @Field(key: "closed") public var closed: Bool
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var slotsLeft: Int { max(0, slots - taken) }
}

extension VolunteerPost: ScopedModel {
    public static var regionPathKey: KeyPath<VolunteerPost, FieldProperty<VolunteerPost, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<VolunteerPost>, toVenue venueID: UUID) -> QueryBuilder<VolunteerPost> {
        query.filter(\.$venue.$id == venueID)
    }
}

/// One stretch of a volunteer's service: a sign-up for a post (checked in and out by staff), or
/// hours entered by the volunteer by hand, which staff approve. `startsAt…endsAt` is the
/// planned span until check-out, then the span actually served.
public final class VolunteerShift: Model, @unchecked Sendable {
    public static let schema = "volunteer_shifts"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "account_id") public var account: Account
    @Parent(key: "org_id") public var org: VolunteerOrg
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @OptionalParent(key: "post_id") public var post: VolunteerPost?
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "cancelled") public var cancelled: Bool
    @OptionalField(key: "checked_in_at") public var checkedInAt: Date?
    @OptionalField(key: "checked_out_at") public var checkedOutAt: Date?
    @Field(key: "hours_state") public var hoursState: HoursState
    /// Minutes served (claimed while pending, counted once confirmed).
    @Field(key: "minutes") public var minutes: Int
    /// What was done, for a hand entry.
    @Field(key: "note") public var note: String
    @Field(key: "decision_reason") public var decisionReason: String
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    /// Staff's evaluation of the service, 1–5, and a note.
    @OptionalField(key: "rating") public var rating: Int?
    @Field(key: "rating_note") public var ratingNote: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var isManual: Bool { $post.id == nil }
    /// Counts against overlap and the daily limit: not withdrawn and not refused.
    var holdsTime: Bool { !cancelled && hoursState != .declined }
}

extension VolunteerShift: ScopedModel {
    public static var regionPathKey: KeyPath<VolunteerShift, FieldProperty<VolunteerShift, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<VolunteerShift>, toVenue venueID: UUID) -> QueryBuilder<VolunteerShift> {
        query.filter(\.$venue.$id == venueID)
    }
}

/// An honour or commendation (表彰) recorded by a volunteer organisation.
public final class VolunteerHonour: Model, @unchecked Sendable {
    public static let schema = "volunteer_honours"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "account_id") public var account: Account
    @Parent(key: "org_id") public var org: VolunteerOrg
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "title") public var title: String
    @Field(key: "awarded_on") public var awardedOn: String
    @Field(key: "note") public var note: String
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension VolunteerShift: OwnedModel {
    public var ownerID: UUID? { $account.id }
}
