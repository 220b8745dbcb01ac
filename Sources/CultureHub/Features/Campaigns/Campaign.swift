import Fluent
import Foundation
import Vapor
import SQLKit

public enum CampaignKind: String, Codable, Sendable, CaseIterable, Labeled {
    case consumptionSeason, sponsorship, brand
    public var zh: String { switch self { case .consumptionSeason: "文化惠民消费季"; case .sponsorship: "社会力量赞助"; case .brand: "公共文化服务品牌" } }
    public var en: String { switch self { case .consumptionSeason: "Cultural consumption season"; case .sponsorship: "Social sponsorship"; case .brand: "Service brand" } }
}

/// A programme that groups activities (R6.3): a consumption season with its benefits, a
/// sponsor's programme, or a signature service brand (e.g. a named reading or opera series).
public final class Campaign: Model, RegionOnlyModel, @unchecked Sendable {
    public static var regionPathKey: KeyPath<Campaign, FieldProperty<Campaign, String>> { \.$regionPath }
    public static let schema = "culture_campaigns"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: CampaignKind
    @Field(key: "name") public var name: String
    @Field(key: "sponsor") public var sponsor: String
    @Field(key: "starts_on") public var startsOn: String
    /// Nil for a brand that runs on.
    @OptionalField(key: "ends_on") public var endsOn: String?
    /// What citizens get: discounts, free tickets, prizes …
    @Field(key: "benefits") public var benefits: String
    @Field(key: "description") public var details: String
    @Field(key: "region_path") public var regionPath: String
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

public final class CampaignActivity: Model, @unchecked Sendable {
    public static let schema = "campaign_activities"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "campaign_id") public var campaign: Campaign
    @Parent(key: "activity_id") public var activity: Activity
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// How far a programme reached: its activities, the people who took part, the townships.
struct CampaignReach: Decodable, Equatable {
    let activities: Int
    let participation: Int
    let townships: Int

    /// Participation counts the filed report's attendance where there is one, else the
    /// headcount of an open activity, else those checked in.
    static func load(_ campaignIDs: [UUID], on db: any Database) async throws -> [UUID: CampaignReach] {
        guard !campaignIDs.isEmpty else { return [:] }
        struct Row: Decodable { let campaign_id: UUID; let held_in_path: String; let people: Int }
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT ca.campaign_id, a.held_in_path,
                   CAST(COALESCE(r.attendance, a.headcount, (SELECT SUM(g.places) FROM registrations g WHERE g.activity_id = a.id AND g.checked_in_at IS NOT NULL), 0) AS BIGINT) AS people
            FROM campaign_activities ca JOIN activities a ON a.id = ca.activity_id
            LEFT JOIN activity_reports r ON r.activity_id = a.id
            WHERE ca.campaign_id IN (\(binds: campaignIDs)) AND a.status <> 'cancelled'
            """).all(decoding: Row.self)
        var out: [UUID: CampaignReach] = [:]
        for id in campaignIDs {
            let mine = rows.filter { $0.campaign_id == id }
            // The township is the second segment of the path (/city/township/…).
            let townships = Set(mine.compactMap { row -> String? in
                let parts = row.held_in_path.split(separator: "/")
                return parts.count >= 2 ? String(parts[1]) : nil
            })
            out[id] = CampaignReach(activities: mine.count, participation: mine.reduce(0) { $0 + $1.people }, townships: townships.count)
        }
        return out
    }
}

/// A programme, brand, season or sponsorship as staff set it up; which fields are required
/// depends on the kind.
struct CampaignInput: Content, Equatable {
    var kind: String?
    var name: String?
    var sponsor: String?
    var startsOn: String?
    var endsOn: String?
    var benefits: String?
    var description: String?
}

enum CampaignDesk {
    static func create(_ input: CampaignInput, by staff: Staff, now: Date, lang: Lang,
                       on db: any Database) async throws -> Campaign {
        try staff.require(.editRegistry)
        guard let home = staff.scope.ownRegionPath else { throw AppError.forbidden }
        var check = FormCheck(lang)
        let kind: CampaignKind? = check.choice("kind", input.kind)
        let name = check.text("name", input.name, max: 60)
        let sponsor = check.text("sponsor", input.sponsor, required: kind == .sponsorship, max: 60)
        let starts = check.date("startsOn", input.startsOn)
        let ends = check.date("endsOn", input.endsOn, required: kind != .brand)
        let benefits = check.text("benefits", input.benefits, required: kind == .consumptionSeason, max: 300)
        let details = check.text("description", input.description, required: false, max: 500)
        if let starts, let ends, ends < starts { check.fail("endsOn", "结束日期不能早于开始日期。", "The end cannot be before the start.") }
        try check.throwIfInvalid()
        let c = Campaign()
        c.kind = kind!
        c.name = name
        c.sponsor = sponsor
        c.startsOn = starts!
        c.endsOn = ends
        c.benefits = benefits
        c.details = details
        c.regionPath = home
        c.createdBy = staff.account.id
        c.createdAt = now
        do {
            try await db.writeTransaction { tx in try await c.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.invalid(["name": lang.t("已有同名的项目或品牌。", "A programme or brand with this name exists.")])
        }
        return c
    }

    /// Links an activity in the programme's region; a dated programme takes only activities
    /// inside its dates.
    static func link(_ c: Campaign, activityID: String?, by staff: Staff, time: DisplayTime, now: Date, lang: Lang, on db: any Database) async throws -> Activity {
        try staff.require(.editRegistry, regionPath: c.regionPath)
        var check = FormCheck(lang)
        let id = check.uuid("activity", activityID)
        try check.throwIfInvalid()
        guard let a = try await Activity.find(id!, on: db), a.status != .cancelled,
              RegionPath.isWithin(a.heldInPath, c.regionPath) || RegionPath.isWithin(a.regionPath, c.regionPath), staff.scope.contains(a) else {
            throw AppError.invalid(["activity": lang.t("请选择项目范围内、未取消的活动。", "Choose an activity in the programme's area that is not cancelled.")])
        }
        let day = DisplayTime.day(a.startsAt, in: time.timeZone)
        if day < c.startsOn || (c.endsOn.map { day > $0 } ?? false) {
            throw AppError.invalid(["activity": lang.t("这场活动（\(day)）不在项目的时间范围内（\(c.startsOn) 至 \(c.endsOn ?? "")）。",
                                                       "That activity (\(day)) is outside the programme's dates (\(c.startsOn) to \(c.endsOn ?? "")).")])
        }
        let link = CampaignActivity()
        link.$campaign.id = try c.requireID()
        link.$activity.id = try a.requireID()
        link.createdAt = now
        do {
            try await db.writeTransaction { tx in try await link.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.invalid(["activity": lang.t("这场活动已经在项目里了。", "That activity is already in the programme.")])
        }
        return a
    }
}
