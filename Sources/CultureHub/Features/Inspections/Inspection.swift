import Fluent
import Foundation

/// The standard checklist of a free-opening inspection (督查), in the order inspectors walk it.
public enum InspectionChecklist: String, Codable, Sendable, CaseIterable, Labeled {
    case openingAsPosted, noticeDisplayed, staffOnDuty, noChargeForBasics, facilitiesUsable, accessibleFacilities, recordsKept, safety, hygiene

    public var zh: String {
        switch self {
        case .openingAsPosted: "按公示时间开放"; case .noticeDisplayed: "免费开放公示上墙"; case .staffOnDuty: "工作人员在岗在位"
        case .noChargeForBasics: "基本服务项目未收费"; case .facilitiesUsable: "设施设备完好可用"; case .accessibleFacilities: "无障碍设施可用"
        case .recordsKept: "活动记录和台账完整"; case .safety: "消防和安全管理到位"; case .hygiene: "环境整洁卫生"
        }
    }

    public var en: String {
        switch self {
        case .openingAsPosted: "Open at the posted hours"; case .noticeDisplayed: "Free-opening notice on display"; case .staffOnDuty: "Staff on duty"
        case .noChargeForBasics: "No charge for basic services"; case .facilitiesUsable: "Facilities in working order"; case .accessibleFacilities: "Accessible facilities usable"
        case .recordsKept: "Activity records kept"; case .safety: "Fire safety and security"; case .hygiene: "Clean and tidy"
        }
    }
}

/// An inspection visit to a venue (R8.3), unannounced (暗访) or not.
public final class Inspection: Model, @unchecked Sendable {
    public static let schema = "inspections"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "inspected_on") public var inspectedOn: String
    @Field(key: "inspector") public var inspector: String
    @Field(key: "unannounced") public var unannounced: Bool
    @Field(key: "summary") public var summary: String
    @OptionalField(key: "photo_path") public var photoPath: String?
    @OptionalParent(key: "created_by") public var createdBy: Account?
    @Field(key: "created_at") public var createdAt: Date
    @Children(for: \.$inspection) public var items: [InspectionItem]

    public init() {}

    /// The loaded checklist items in the order inspectors walk them.
    var itemsInOrder: [InspectionItem] {
        let order = InspectionChecklist.allCases
        return items.sorted { order.firstIndex(of: $0.item)! < order.firstIndex(of: $1.item)! }
    }

    init(venue: Venue, on day: String, inspector: String, unannounced: Bool, summary: String, by account: UUID?, at now: Date) {
        $venue.id = venue.id!
        regionPath = venue.regionPath
        inspectedOn = day
        self.inspector = inspector
        self.unannounced = unannounced
        self.summary = summary
        $createdBy.id = account
        createdAt = now
    }
}

extension Inspection: ScopedModel {
    public static var regionPathKey: KeyPath<Inspection, FieldProperty<Inspection, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<Inspection>, toVenue venueID: UUID) -> QueryBuilder<Inspection> { query.filter(\.$venue.$id == venueID) }
}

public final class InspectionItem: Model, @unchecked Sendable {
    public static let schema = "inspection_items"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "inspection_id") public var inspection: Inspection
    @Field(key: "item") public var item: InspectionChecklist
    @Field(key: "passed") public var passed: Bool
    @Field(key: "note") public var note: String

    public init() {}

    init(inspection: UUID, item: InspectionChecklist, passed: Bool, note: String) {
        $inspection.id = inspection
        self.item = item
        self.passed = passed
        self.note = note
    }
}

public enum RectificationStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case open, responded, verified, reopened
    public var zh: String { switch self { case .open: "待整改"; case .responded: "已反馈，待核验"; case .verified: "已核验销号"; case .reopened: "核验未通过，重新整改" } }
    public var en: String { switch self { case .open: "To rectify"; case .responded: "Answered, to verify"; case .verified: "Verified and closed"; case .reopened: "Reopened" } }
    var needsUnit: Bool { self == .open || self == .reopened }
}

/// The rectification a failed checklist item opens: the unit answers with evidence, the bureau
/// verifies or reopens (R8.3).
public final class RectificationTask: Model, @unchecked Sendable {
    public static let schema = "rectification_tasks"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "inspection_id") public var inspection: Inspection
    @Parent(key: "item_id") public var item: InspectionItem
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "finding") public var finding: String
    @Field(key: "deadline") public var deadline: String
    @Field(key: "status") public var status: RectificationStatus
    @Field(key: "response") public var response: String
    @OptionalField(key: "evidence_photo") public var evidencePhoto: String?
    @OptionalField(key: "responded_at") public var respondedAt: Date?
    @OptionalField(key: "verified_at") public var verifiedAt: Date?
    @OptionalParent(key: "verified_by") public var verifiedBy: Account?
    @Field(key: "reopen_reason") public var reopenReason: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension RectificationTask: ScopedModel {
    public static var regionPathKey: KeyPath<RectificationTask, FieldProperty<RectificationTask, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<RectificationTask>, toVenue venueID: UUID) -> QueryBuilder<RectificationTask> { query.filter(\.$venue.$id == venueID) }
}
