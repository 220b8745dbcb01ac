import Fluent
import Foundation
import Workforce

public enum PostType: String, Codable, Sendable, CaseIterable, Labeled {
    case fullTime, partTime, concurrent
    public var zh: String { switch self { case .fullTime: "专职"; case .partTime: "兼职"; case .concurrent: "兼任（其他岗位人员兼管）" } }
    public var en: String { switch self { case .fullTime: "Full-time"; case .partTime: "Part-time"; case .concurrent: "Concurrent (another post's holder)" } }
}

extension UnitTier: Labeled {
    public var zh: String { switch self { case .city: "市直场馆"; case .township: "乡镇（街道）综合文化站"; case .village: "村（社区）综合文化服务中心" } }
    public var en: String { switch self { case .city: "City venue"; case .township: "Township station"; case .village: "Village centre" } }

    init(_ type: VenueType) {
        switch type.tier {
        case .city: self = .city
        case .township: self = .township
        case .village: self = .village
        }
    }
}

extension TrainingKind: Labeled {
    public var zh: String { switch self { case .offJob: "脱产培训"; case .centralised: "集中培训" } }
    public var en: String { switch self { case .offJob: "Off-the-job"; case .centralised: "Centralised" } }
}

public enum TrainingLevel: String, Codable, Sendable, CaseIterable, Labeled {
    case national, provincial, municipal, county
    public var zh: String { switch self { case .national: "国家级"; case .provincial: "省级"; case .municipal: "市级（郑州）"; case .county: "县（市）级" } }
    public var en: String { switch self { case .national: "National"; case .provincial: "Provincial"; case .municipal: "Municipal"; case .county: "County" } }
}

/// A person holding a culture post at a unit (R7.1). One row per post: someone who moves
/// unit ends one post and starts another, so the record of who served where stays.
public final class StaffMember: Model, @unchecked Sendable {
    public static let schema = "staff_members"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    /// The person's mobile number: it identifies one person across posts.
    @Field(key: "phone") public var phone: String
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "tier") public var tier: UnitTier
    @Field(key: "post_type") public var postType: PostType
    @Field(key: "position") public var position: String
    @Field(key: "starts_on") public var startsOn: String
    @OptionalField(key: "ends_on") public var endsOn: String?
    @Field(key: "subsidy_fen") public var subsidyFen: Int
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    func isInPost(on day: String) -> Bool { startsOn <= day && (endsOn.map { day <= $0 } ?? true) }
}

extension StaffMember: ScopedModel {
    public static var regionPathKey: KeyPath<StaffMember, FieldProperty<StaffMember, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<StaffMember>, toVenue venueID: UUID) -> QueryBuilder<StaffMember> {
        query.filter(\.$venue.$id == venueID)
    }
}

public final class TrainingCourse: Model, RegionOnlyModel, @unchecked Sendable {
    public static var regionPathKey: KeyPath<TrainingCourse, FieldProperty<TrainingCourse, String>> { \.$regionPath }
    public static let schema = "training_courses"
    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "provider") public var provider: String
    @Field(key: "kind") public var kind: TrainingKind
    @Field(key: "level") public var level: TrainingLevel
    @Field(key: "starts_on") public var startsOn: String
    @Field(key: "ends_on") public var endsOn: String
    /// Training days in halves (a half-day course is 1).
    @Field(key: "day_halves") public var dayHalves: Int
    /// Who organised it: the bureau's or a township's courses.
    @Field(key: "region_path") public var regionPath: String
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
    var days: Double { Double(dayHalves) / 2 }
}

public final class TrainingAttendance: Model, @unchecked Sendable {
    public static let schema = "training_attendance"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "course_id") public var course: TrainingCourse
    @Parent(key: "member_id") public var member: StaffMember
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "day_halves") public var dayHalves: Int
    @Field(key: "certificate_note") public var certificateNote: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
    var days: Double { Double(dayHalves) / 2 }
}

public enum BudgetCategory: String, Codable, Sendable, CaseIterable, Labeled {
    case freeOpening, facilityOperation, activities, staffSubsidies
    public var zh: String { switch self { case .freeOpening: "免费开放"; case .facilityOperation: "设施运行"; case .activities: "活动经费"; case .staffSubsidies: "人员补贴" } }
    public var en: String { switch self { case .freeOpening: "Free opening"; case .facilityOperation: "Facility operation"; case .activities: "Activities"; case .staffSubsidies: "Staff subsidies" } }
}

public enum FundingSource: String, Codable, Sendable, CaseIterable, Labeled {
    case cityMatching, townshipSupplement, social
    public var zh: String { switch self { case .cityMatching: "市级配套"; case .townshipSupplement: "乡镇补充"; case .social: "社会资金" } }
    public var en: String { switch self { case .cityMatching: "City matching"; case .townshipSupplement: "Township supplement"; case .social: "Social" } }
}

/// One budget line: a unit's money for a year, category and source (R7.3).
public final class BudgetLine: Model, @unchecked Sendable {
    public static let schema = "budget_lines"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "year") public var year: Int
    @Field(key: "category") public var category: BudgetCategory
    @Field(key: "source") public var source: FundingSource
    @Field(key: "amount_fen") public var amountFen: Int64
    @Field(key: "note") public var note: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

public final class Expenditure: Model, @unchecked Sendable {
    public static let schema = "expenditures"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "year") public var year: Int
    @Field(key: "spent_on") public var spentOn: String
    @Field(key: "category") public var category: BudgetCategory
    @Field(key: "amount_fen") public var amountFen: Int64
    @Field(key: "voucher") public var voucher: String
    /// Why spending went beyond the budget line; empty when it did not.
    @Field(key: "override_reason") public var overrideReason: String
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

extension BudgetLine: ScopedModel {
    public static var regionPathKey: KeyPath<BudgetLine, FieldProperty<BudgetLine, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<BudgetLine>, toVenue venueID: UUID) -> QueryBuilder<BudgetLine> { query.filter(\.$venue.$id == venueID) }
}

extension Expenditure: ScopedModel {
    public static var regionPathKey: KeyPath<Expenditure, FieldProperty<Expenditure, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<Expenditure>, toVenue venueID: UUID) -> QueryBuilder<Expenditure> { query.filter(\.$venue.$id == venueID) }
}
