import Fluent
import Foundation

public enum RegistrationMode: String, Codable, Sendable, CaseIterable, Labeled {
    /// Places are booked ahead, with a waiting list and QR check-in.
    case required
    /// Anyone may come; staff record a headcount afterwards.
    case open
    public var zh: String { self == .required ? "需报名" : "无需报名，直接参加" }
    public var en: String { self == .required ? "Registration required" : "Open, no registration" }
}

/// How people take part (R4.6). A hybrid activity is one activity: its in-person and online
/// attendance are reported apart and both count, once.
public enum ActivityMode: String, Codable, Sendable, CaseIterable, Labeled {
    case inPerson, online, hybrid
    public var zh: String { switch self { case .inPerson: "线下"; case .online: "线上直播"; case .hybrid: "线下 + 线上直播" } }
    public var en: String { switch self { case .inPerson: "In person"; case .online: "Online (live stream)"; case .hybrid: "In person and online" } }
    var hasStream: Bool { self != .inPerson }
    var hasVenue: Bool { self != .online }
}

public enum ActivityStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case published, cancelled
    public var zh: String { self == .published ? "已发布" : "已取消" }
    public var en: String { self == .published ? "Published" : "Cancelled" }
}

/// An activity (R4.1): from a menu item or ad hoc, in a venue space or out in a village.
public final class Activity: Model, @unchecked Sendable {
    public static let schema = "activities"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    /// The organising venue's region: staff scope follows the organiser.
    @Field(key: "region_path") public var regionPath: String
    @OptionalParent(key: "service_item_id") public var serviceItem: ServiceItem?
    @OptionalParent(key: "space_id") public var space: Space?
    /// Set for a mobile activity held in a village (流动服务).
    @OptionalParent(key: "village_id") public var village: Region?
    /// Where it takes place: the village's path for mobile activities, else the venue's.
    /// Public township filters and feeds use this.
    @Field(key: "held_in_path") public var heldInPath: String
    @Field(key: "location") public var location: String
    @Field(key: "kind") public var kind: ServiceKind
    @Field(key: "title") public var title: String
    @Field(key: "description") public var details: String
    @Field(key: "target_groups") public var targetGroupCodes: String
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "registration") public var registration: RegistrationMode
    @Field(key: "capacity") public var capacity: Int
    @Field(key: "confirmed_places") public var confirmedPlaces: Int
    @Field(key: "waiting_places") public var waitingPlaces: Int
    @OptionalField(key: "cancel_deadline") public var cancelDeadline: Date?
    /// Places one account may take: 1 for one person, more for a family or small group.
    @Field(key: "per_account_limit") public var perAccountLimit: Int
    @Field(key: "status") public var status: ActivityStatus
    @OptionalField(key: "photo_path") public var photoPath: String?
    @OptionalField(key: "headcount") public var headcount: Int?
    @OptionalField(key: "headcount_photo_path") public var headcountPhotoPath: String?
    @OptionalField(key: "created_by") public var createdBy: UUID?
    /// nil reads as in person (rows from before digital services).
    @OptionalField(key: "mode") public var storedMode: ActivityMode?
    @OptionalField(key: "stream_url") public var streamURL: String?
    /// A show of a procured programme (送戏下乡).
    @OptionalParent(key: "programme_id") public var programme: Programme?
    /// Books lent at a mobile-library stop.
    @OptionalField(key: "books_lent") public var booksLent: Int?
    /// When its report to the culture cloud is due (R4.5); set from `endsAt` on every save.
    @OptionalField(key: "report_due_at") public var reportDueAt: Date?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    var targetGroups: [TargetGroup] { TargetGroup.decode(targetGroupCodes) }
    var mode: ActivityMode { storedMode ?? .inPerson }
    var remainingPlaces: Int { max(0, capacity - confirmedPlaces) }
    var isMobile: Bool { $village.id != nil }
    func hasEnded(at now: Date) -> Bool { endsAt <= now }
    func canCancel(at now: Date) -> Bool { now < (cancelDeadline ?? startsAt) }
}

extension Activity: ScopedModel {
    public static var regionPathKey: KeyPath<Activity, FieldProperty<Activity, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<Activity>, toVenue venueID: UUID) -> QueryBuilder<Activity> {
        query.filter(\.$venue.$id == venueID)
    }
}

extension Activity {
    /// Who may claim an activity as their own work: the venue that runs it, and the place it was
    /// held in (a township claims the city's show held in one of its villages).
    static var staffPartyKeys: [PartyKeys<Activity>] {
        [PartyKeys(regionPath: \.$regionPath, venueID: \.$venue.$id), PartyKeys(regionPath: \.$heldInPath, venueID: nil)]
    }
    var staffParties: [Party] {
        [party, Party(regionPath: heldInPath, venueID: nil)]
    }
}
