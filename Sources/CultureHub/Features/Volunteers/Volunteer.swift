import Fluent
import Foundation
import Vapor

public enum VolunteerSkill: String, Codable, Sendable, CaseIterable, Labeled {
    case performance, teaching, reading, guiding, photography, organising, technical, other
    public var zh: String {
        switch self {
        case .performance: "文艺表演"; case .teaching: "授课辅导"; case .reading: "阅读推广"; case .guiding: "讲解导览"
        case .photography: "摄影摄像"; case .organising: "活动组织"; case .technical: "音响灯光"; case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .performance: "Performing"; case .teaching: "Teaching"; case .reading: "Reading promotion"; case .guiding: "Guiding"
        case .photography: "Photo and video"; case .organising: "Organising"; case .technical: "Sound and lighting"; case .other: "Other"
        }
    }
}

public enum ApplicationStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case pending, approved, declined
    public var zh: String { switch self { case .pending: "待审核"; case .approved: "已通过"; case .declined: "未通过" } }
    public var en: String { switch self { case .pending: "Awaiting review"; case .approved: "Approved"; case .declined: "Declined" } }
}

/// A cultural volunteer organisation (文化志愿服务组织), based at a public cultural unit, with a
/// person responsible for it (R6.1).
public final class VolunteerOrg: Model, @unchecked Sendable {
    public static let schema = "volunteer_orgs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "name") public var name: String
    @Field(key: "leader_name") public var leaderName: String
    @Field(key: "leader_phone") public var leaderPhone: String
    /// Where and what it serves, as the public sees it.
    @Field(key: "scope_note") public var scopeNote: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension VolunteerOrg: ScopedModel {
    public static var regionPathKey: KeyPath<VolunteerOrg, FieldProperty<VolunteerOrg, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<VolunteerOrg>, toVenue venueID: UUID) -> QueryBuilder<VolunteerOrg> {
        query.filter(\.$venue.$id == venueID)
    }
}

/// A citizen's application to volunteer with an organisation; the organisation approves or
/// declines it with a reason.
public final class VolunteerApplication: Model, @unchecked Sendable {
    public static let schema = "volunteer_applications"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "org_id") public var org: VolunteerOrg
    @Parent(key: "account_id") public var account: Account
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "skills") public var skillCodes: String
    @Field(key: "availability") public var availability: String
    @Field(key: "areas") public var areas: String
    @Field(key: "status") public var status: ApplicationStatus
    @Field(key: "reason") public var reason: String
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var skills: [VolunteerSkill] { skillCodes.split(separator: ",").compactMap { VolunteerSkill(rawValue: String($0)) } }
}

extension VolunteerApplication: ScopedModel {
    public static var regionPathKey: KeyPath<VolunteerApplication, FieldProperty<VolunteerApplication, String>> { \.$regionPath }
    public var owningVenueID: UUID? { nil }
    /// A venue manager reviews the applications of the organisations based at the venue.
    public static func restrict(_ query: QueryBuilder<VolunteerApplication>, toVenue venueID: UUID) -> QueryBuilder<VolunteerApplication> {
        query.join(VolunteerOrg.self, on: \VolunteerApplication.$org.$id == \VolunteerOrg.$id).filter(VolunteerOrg.self, \.$venue.$id == venueID)
    }
}

/// A volunteer organisation as staff register it under a venue.
struct VolunteerOrgInput: Content, Equatable {
    var venue: String?
    var name: String?
    var leaderName: String?
    var leaderPhone: String?
    var scopeNote: String?
}

/// A citizen's application to an organisation; `skills` is a multi-select.
struct VolunteerApplicationInput: Content, Equatable {
    var org: String?
    var availability: String?
    var areas: String?
    var skills: [String]?
}

enum VolunteerDesk {
    static func createOrg(_ input: VolunteerOrgInput, by staff: Staff, now: Date, lang: Lang,
                          on db: any Database) async throws -> VolunteerOrg {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let venueID = check.uuid("venue", input.venue)
        let name = check.text("name", input.name, max: 40)
        let leader = check.text("leaderName", input.leaderName, max: 20)
        let phone = MobileNumber.normalize(input.leaderPhone ?? "")
        if phone == nil { check.fail("leaderPhone", "请填写负责人的 11 位手机号码。", "Enter the person's 11-digit mobile number.") }
        let note = check.text("scopeNote", input.scopeNote, max: 200)
        try check.throwIfInvalid()
        guard let venue = try await Venue.find(venueID!, on: db), staff.scope.contains(venue) else {
            throw AppError.invalid(["venue": lang.t("请选择您管辖范围内的场馆。", "Choose a venue in your scope.")])
        }
        let org = VolunteerOrg()
        org.$venue.id = try venue.requireID()
        org.regionPath = venue.regionPath
        org.name = name
        org.leaderName = leader
        org.leaderPhone = phone!
        org.scopeNote = note
        org.createdAt = now
        do {
            try await db.writeTransaction { tx in try await org.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.invalid(["name": lang.t("已有同名的志愿服务组织。", "An organisation with this name already exists.")])
        }
        return org
    }

    static func apply(_ input: VolunteerApplicationInput, account: Account, now: Date, lang: Lang,
                      on db: any Database) async throws -> VolunteerApplication {
        guard account.role == .citizen else {
            throw AppError.conflict(zh: "请用群众账号申请成为志愿者。", en: "Apply with a citizen account.")
        }
        var check = FormCheck(lang)
        let orgID = check.uuid("org", input.org)
        let skills = (input.skills ?? []).compactMap(VolunteerSkill.init(rawValue:))
        if skills.isEmpty { check.fail("skills", "请至少选择一项特长。", "Choose at least one skill.") }
        let availability = check.text("availability", input.availability, max: 100)
        let areas = check.text("areas", input.areas, required: false, max: 100)
        try check.throwIfInvalid()
        guard let org = try await VolunteerOrg.find(orgID!, on: db) else {
            throw AppError.invalid(["org": lang.t("请选择志愿服务组织。", "Choose an organisation.")])
        }
        let a = VolunteerApplication()
        a.$org.id = try org.requireID()
        a.$account.id = try account.requireID()
        a.regionPath = org.regionPath
        a.skillCodes = skills.map(\.rawValue).joined(separator: ",")
        a.availability = availability
        a.areas = areas
        a.status = .pending
        a.reason = ""
        a.createdAt = now
        do {
            try await db.writeTransaction { tx in try await a.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(zh: "您已经向“\(org.name)”提交过申请了。", en: "You have already applied to “\(org.name)”.")
        }
        return a
    }

    static func decide(_ a: VolunteerApplication, approve: Bool, reason: String, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.editRegistry)
        let inScope = try await staff.scope.filter(VolunteerApplication.query(on: db)).filter(\.$id == a.requireID()).count() > 0
        guard inScope else { throw AppError.forbidden }
        guard a.status == .pending else {
            throw AppError.conflict(zh: "这份申请已经审核过了。", en: "This application has already been reviewed.")
        }
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if !approve && (reason.isEmpty || reason.count > 200) {
            throw AppError.invalid(["reason": lang.t("请写明未通过的原因（200 字以内），申请人会看到。", "Give the reason (up to 200 characters); the applicant sees it.")])
        }
        a.status = approve ? .approved : .declined
        a.reason = approve ? "" : reason
        a.decidedBy = staff.account.id
        a.decidedAt = now
        try await db.writeTransaction { tx in try await a.update(on: tx) }
    }
}
