import Fluent
import Foundation
import Vapor

public enum WorkKind: String, Codable, Sendable, CaseIterable, Labeled {
    case opera, song, dance, quyi, drama, calligraphy, painting, photography, literature, other
    public var zh: String {
        switch self {
        case .opera: "戏曲"; case .song: "歌曲"; case .dance: "舞蹈"; case .quyi: "曲艺"; case .drama: "小品、戏剧"
        case .calligraphy: "书法"; case .painting: "美术"; case .photography: "摄影"; case .literature: "文学"; case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .opera: "Opera"; case .song: "Song"; case .dance: "Dance"; case .quyi: "Quyi"; case .drama: "Sketch or play"
        case .calligraphy: "Calligraphy"; case .painting: "Painting"; case .photography: "Photography"; case .literature: "Writing"; case .other: "Other"
        }
    }
}

public enum WorkEventKind: String, Codable, Sendable, CaseIterable, Labeled {
    case guidance, award, performance
    public var zh: String { switch self { case .guidance: "创作辅导"; case .award: "获奖"; case .performance: "演出展示" } }
    public var en: String { switch self { case .guidance: "Guidance"; case .award: "Award"; case .performance: "Performed" } }
}

/// An original work of mass creation (群众文艺作品), registered by a team, a citizen or staff (R6.4).
public final class CreativeWork: Model, RegionOnlyModel, @unchecked Sendable {
    public static var regionPathKey: KeyPath<CreativeWork, FieldProperty<CreativeWork, String>> { \.$regionPath }
    public static let schema = "creative_works"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title") public var title: String
    @Field(key: "kind") public var kind: WorkKind
    /// The creators as credited: 词、曲、编舞 …
    @Field(key: "creators") public var creators: String
    @OptionalField(key: "team_id") public var teamID: UUID?
    @OptionalField(key: "account_id") public var accountID: UUID?
    @Field(key: "region_path") public var regionPath: String
    /// When it was created: yyyy-MM-dd.
    @Field(key: "created_on") public var createdOn: String
    /// Up to three https links to recordings or images, one per line.
    @Field(key: "media_links") public var mediaLinks: String
    @Field(key: "description") public var details: String
    /// Citizens' submissions are shown publicly once the cultural centre lists them.
    @Field(key: "listed") public var listed: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var links: [String] { mediaLinks.split(separator: "\n").map(String.init) }
}

public final class CreativeWorkEvent: Model, @unchecked Sendable {
    public static let schema = "creative_work_events"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "work_id") public var work: CreativeWork
    @Field(key: "kind") public var kind: WorkEventKind
    @Field(key: "day") public var day: String
    /// The guidance given, or the award and its level, or a note on the performance.
    @Field(key: "text") public var text: String
    @OptionalParent(key: "activity_id") public var activity: Activity?
    @OptionalField(key: "recorded_by") public var recordedBy: UUID?
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// A work as its creators or staff register it; links come one per line, as in the form.
struct CreativeWorkInput: Content, Equatable {
    var title: String?
    var kind: String?
    var creators: String?
    var createdOn: String?
    var description: String?
    var team: String?
    var township: String?
    var mediaLinks: String?
}

/// Guidance, an award or a performance in a work's life.
struct WorkEventInput: Content, Equatable {
    var kind: String?
    var day: String?
    var text: String?
    var activity: String?
}

enum CreativeWorkDesk {
    /// `by` is nil for a citizen registering their own work (listed after review).
    static func register(_ input: CreativeWorkInput, account: Account, staff: Staff?, now: Date, today: String,
                         lang: Lang, on db: any Database) async throws -> CreativeWork {
        // Staff-registered works are listed at once, so the staff path is a registry write.
        try staff?.require(.editRegistry)
        var check = FormCheck(lang)
        let title = check.text("title", input.title, max: 60)
        let kind: WorkKind? = check.choice("kind", input.kind)
        let creators = check.text("creators", input.creators, max: 100)
        let day = check.date("createdOn", input.createdOn)
        let details = check.text("description", input.description, required: false, max: 500)
        let teamID = check.uuid("team", input.team, required: false)
        let placeID = check.uuid("township", input.township, required: teamID == nil)
        if let day, day > today { check.fail("createdOn", "创作日期不能晚于今天。", "The date cannot be in the future.") }
        let links = (input.mediaLinks ?? "").split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        if links.count > 3 { check.fail("mediaLinks", "最多填写 3 个链接。", "At most 3 links.") }
        if links.contains(where: { !$0.hasPrefix("https://") || $0.count > 300 || URL(string: $0)?.host == nil }) {
            check.fail("mediaLinks", "链接须以 https:// 开头，每行一个。", "Links must start with https://, one per line.")
        }
        try check.throwIfInvalid()
        var regionPath: String
        if let teamID {
            let mayRegisterFor: (FolkTeam) async throws -> Bool = { team in
                guard let staff else { return team.$leader.id == account.id }
                return (try? await staff.requireGuidance(of: team.regionPath, on: db)) != nil
            }
            guard let team = try await FolkTeam.find(teamID, on: db), try await mayRegisterFor(team) else {
                throw AppError.invalid(["team": lang.t("请选择您负责的团队。", "Choose a team you lead or look after.")])
            }
            regionPath = team.regionPath
        } else {
            guard let place = try await Region.find(placeID!, on: db), place.level == .township else {
                throw AppError.invalid(["township": lang.t("请选择乡镇。", "Choose a township.")])
            }
            regionPath = place.path
            if let staff, (try? await staff.requireGuidance(of: regionPath, on: db)) == nil {
                throw AppError.invalid(["township": lang.t("请选择您管辖范围内的乡镇。", "Choose a township in your scope.")])
            }
        }
        let work = CreativeWork()
        work.title = title
        work.kind = kind!
        work.creators = creators
        work.teamID = teamID
        work.accountID = staff == nil ? account.id : nil
        work.regionPath = regionPath
        work.createdOn = day!
        work.mediaLinks = links.joined(separator: "\n")
        work.details = details
        work.listed = staff != nil
        work.createdAt = now
        try await db.writeTransaction { tx in try await work.create(on: tx) }
        return work
    }

    static func record(_ work: CreativeWork, _ input: WorkEventInput, by staff: Staff, today: String, now: Date,
                       lang: Lang, on db: any Database) async throws -> CreativeWorkEvent {
        // Guidance, awards and performances come from whoever guides the work's area.
        try await staff.requireGuidance(of: work.regionPath, on: db)
        var check = FormCheck(lang)
        let kind: WorkEventKind? = check.choice("kind", input.kind)
        let day = check.date("day", input.day)
        let text = check.text("text", input.text, required: kind != .performance, max: 200)
        let activityID = check.uuid("activity", input.activity, required: kind == .performance)
        if let day, day > today { check.fail("day", "只能记录已经发生的事。", "Record what has happened.") }
        if let day, day < work.createdOn, kind != .guidance { check.fail("day", "日期早于作品的创作日期（\(work.createdOn)）。", "Before the work was created (\(work.createdOn)).") }
        try check.throwIfInvalid()
        var activity: Activity?
        if let activityID {
            guard let a = try await Activity.find(activityID, on: db), a.status != .cancelled,
                  a.staffParties.contains(where: staff.scope.contains) else {
                throw AppError.invalid(["activity": lang.t("请选择您管辖范围内、未取消的活动。", "Choose an activity in your scope that was not cancelled.")])
            }
            activity = a
        }
        let event = CreativeWorkEvent()
        event.$work.id = try work.requireID()
        event.kind = kind!
        event.day = day!
        event.text = text
        event.$activity.id = activity?.id
        event.recordedBy = staff.account.id
        event.createdAt = now
        try await db.writeTransaction { tx in try await event.create(on: tx) }
        return event
    }

    static func setListed(_ work: CreativeWork, _ listed: Bool, by staff: Staff, on db: any Database) async throws {
        try authorize(work, staff)
        work.listed = listed
        try await db.writeTransaction { tx in try await work.update(on: tx) }
    }

    /// Listing a citizen's work is a review: for staff whose scope covers the work's area.
    static func authorize(_ work: CreativeWork, _ staff: Staff) throws {
        try staff.require(.editRegistry, regionPath: work.regionPath)
    }
}
