import Fluent
import Foundation

public enum ComplaintKind: String, Codable, Sendable, CaseIterable, Labeled {
    case complaint, suggestion
    public var zh: String { self == .complaint ? "投诉" : "建议" }
    public var en: String { self == .complaint ? "Complaint" : "Suggestion" }
}

public enum ComplaintCategory: String, Codable, Sendable, CaseIterable, Labeled {
    case service, facility, activity, opening, safety, other
    public var zh: String {
        switch self {
        case .service: "服务态度"; case .facility: "设施设备"; case .activity: "活动组织"
        case .opening: "开放时间"; case .safety: "安全卫生"; case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .service: "Staff and service"; case .facility: "Facilities"; case .activity: "Activities"
        case .opening: "Opening hours"; case .safety: "Safety and hygiene"; case .other: "Other"
        }
    }
}

/// How the citizen wants to hear back. The phone number is the account's own; it is not copied here.
public enum ContactPreference: String, Codable, Sendable, CaseIterable, Labeled {
    case online, phone, none
    public var zh: String { switch self { case .online: "在网站上答复我"; case .phone: "打电话给我"; case .none: "不需要回复" } }
    public var en: String { switch self { case .online: "Answer me on the site"; case .phone: "Call me"; case .none: "No reply needed" } }
}

/// submitted → accepted → answered → closed; a citizen may reopen once within 7 days of the answer.
public enum ComplaintStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case submitted, accepted, answered, closed
    public var zh: String { switch self { case .submitted: "已提交"; case .accepted: "已受理"; case .answered: "已答复"; case .closed: "已办结" } }
    public var en: String { switch self { case .submitted: "Submitted"; case .accepted: "Accepted"; case .answered: "Answered"; case .closed: "Closed" } }
    /// Still waiting for the unit to act.
    var isOpen: Bool { self == .submitted || self == .accepted }
}

public final class Complaint: Model, @unchecked Sendable {
    public static let schema = "complaints"

    @ID(key: .id) public var id: UUID?
    @OptionalParent(key: "account_id") public var account: Account?
    @Field(key: "kind") public var kind: ComplaintKind
    @Field(key: "category") public var category: ComplaintCategory
    @Parent(key: "venue_id") public var venue: Venue
    @OptionalParent(key: "activity_id") public var activity: Activity?
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "text") public var text: String
    @OptionalField(key: "photo_path") public var photoPath: String?
    @Field(key: "contact") public var contact: ContactPreference
    @Field(key: "status") public var status: ComplaintStatus
    /// Set by the bureau when a complaint is found to be justified (查实): a deduction in evaluation (R8.1).
    @OptionalField(key: "upheld") public var upheld: Bool?
    /// The latest answer; earlier ones stay in the history.
    @Field(key: "answer") public var answer: String
    @Field(key: "due_at") public var dueAt: Date
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    /// The first answer: response time is measured to it.
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @OptionalField(key: "reopened_at") public var reopenedAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Children(for: \.$complaint) public var events: [ComplaintEvent]

    public init() {}

    func isOverdue(at now: Date) -> Bool { status.isOpen && now > dueAt }
    var wasAnsweredLate: Bool { answeredAt.map { $0 > dueAt } ?? false }
    var responseTime: TimeInterval? { answeredAt.map { $0.timeIntervalSince(createdAt) } }
}

extension Complaint: ScopedModel {
    public static var regionPathKey: KeyPath<Complaint, FieldProperty<Complaint, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<Complaint>, toVenue venueID: UUID) -> QueryBuilder<Complaint> {
        query.filter(\.$venue.$id == venueID)
    }
}

public enum ComplaintAction: String, Codable, Sendable, Labeled {
    case submitted, accepted, answered, closed, reopened
    public var zh: String { switch self { case .submitted: "提交"; case .accepted: "受理"; case .answered: "答复"; case .closed: "办结"; case .reopened: "重新打开" } }
    public var en: String { switch self { case .submitted: "Submitted"; case .accepted: "Accepted"; case .answered: "Answered"; case .closed: "Closed"; case .reopened: "Reopened" } }
}

/// One step in a complaint's history, shown to the citizen and to staff.
public final class ComplaintEvent: Model, @unchecked Sendable {
    public static let schema = "complaint_events"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "complaint_id") public var complaint: Complaint
    @Field(key: "seq") public var seq: Int
    @Field(key: "action") public var action: ComplaintAction
    @Field(key: "by_staff") public var byStaff: Bool
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    /// Appends the next step of a complaint's history (inside the step's transaction).
    static func append(to complaintID: UUID, _ action: ComplaintAction, byStaff: Bool, actorID: UUID?, note: String, at: Date, on tx: any Database) async throws {
        let seq = try await ComplaintEvent.query(on: tx).filter(\.$complaint.$id == complaintID).count() + 1
        try await ComplaintEvent(complaintID: complaintID, seq: seq, action: action, byStaff: byStaff, actorID: actorID, note: note, at: at).create(on: tx)
    }

    convenience init(complaintID: UUID, seq: Int, action: ComplaintAction, byStaff: Bool, actorID: UUID?, note: String, at: Date) {
        self.init()
        $complaint.id = complaintID
        self.seq = seq
        self.action = action
        self.byStaff = byStaff
        self.actorID = actorID
        self.note = note
        createdAt = at
    }
}

extension Complaint {
    /// A short reference to quote on the phone: not the whole UUID.
    var reference: String { "TS-" + (id?.uuidString.prefix(8).uppercased() ?? "") }
}

extension Complaint: OwnedModel {
    public var ownerID: UUID? { $account.id }
}
