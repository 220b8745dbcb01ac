import Fluent
import Foundation

public enum FolkArtKind: String, Codable, Sendable, CaseIterable, Labeled {
    case dance, opera, choir, instrumental, quyi, calligraphy, folkPerformance, other
    public var zh: String {
        switch self {
        case .dance: "舞蹈"; case .opera: "戏曲"; case .choir: "合唱"; case .instrumental: "器乐"; case .quyi: "曲艺"
        case .calligraphy: "书画"; case .folkPerformance: "民间艺术（舞狮、高跷、旱船等）"; case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .dance: "Dance"; case .opera: "Opera"; case .choir: "Choir"; case .instrumental: "Instrumental"; case .quyi: "Storytelling and ballad (quyi)"
        case .calligraphy: "Calligraphy and painting"; case .folkPerformance: "Folk performance (lion dance, stilts …)"; case .other: "Other"
        }
    }
}

/// A folk art team (群众文艺团队) of a township or village (R6.2).
public final class FolkTeam: Model, RegionOnlyModel, @unchecked Sendable {
    public static var regionPathKey: KeyPath<FolkTeam, FieldProperty<FolkTeam, String>> { \.$regionPath }
    public static let schema = "folk_teams"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: FolkArtKind
    @Parent(key: "township_id") public var township: Region
    /// Team names are unique within a township.
    @Field(key: "township_path") public var townshipPath: String
    @OptionalParent(key: "village_id") public var village: Region?
    @Field(key: "region_path") public var regionPath: String
    @OptionalParent(key: "leader_account_id") public var leader: Account?
    @Field(key: "leader_name") public var leaderName: String
    @OptionalField(key: "founded_year") public var foundedYear: Int?
    /// Formally registered (正式登记注册) with the civil-affairs or culture authority.
    @Field(key: "registered") public var registered: Bool
    @Field(key: "registration_number") public var registrationNumber: String
    @OptionalField(key: "registered_on") public var registeredOn: String?
    @Field(key: "description") public var details: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    /// What the team pays for a space: registered teams use spaces free, others at a discount.
    var bookingRate: BookingRate { registered ? .free : .discounted }
}

public final class FolkTeamMember: Model, @unchecked Sendable {
    public static let schema = "folk_team_members"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "team_id") public var team: FolkTeam
    @Field(key: "name") public var name: String
    /// Their part in the team: 唢呐, 领唱, 编导 …
    @Field(key: "part") public var part: String
    @OptionalField(key: "joined_year") public var joinedYear: Int?
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// A team's part in an activity (performed, co-organised …).
public final class FolkTeamActivity: Model, @unchecked Sendable {
    public static let schema = "folk_team_activities"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "team_id") public var team: FolkTeam
    @Parent(key: "activity_id") public var activity: Activity
    @Field(key: "role") public var role: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}

/// A guidance or training session given to a team by cultural-centre or station staff.
public final class FolkTeamGuidance: Model, @unchecked Sendable {
    public static let schema = "folk_team_guidance"
    @ID(key: .id) public var id: UUID?
    @Parent(key: "team_id") public var team: FolkTeam
    @OptionalField(key: "guide_account_id") public var guideAccountID: UUID?
    @Field(key: "guide_name") public var guideName: String
    @Field(key: "day") public var day: String
    @Field(key: "minutes") public var minutes: Int
    @Field(key: "topic") public var topic: String
    @Field(key: "notes") public var notes: String
    @Field(key: "created_at") public var createdAt: Date
    public init() {}
}
