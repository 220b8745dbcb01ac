/// Who an account is (R9.1). Staff roles carry a Scope; citizens see public data and their own.
public enum Role: String, Codable, Sendable, CaseIterable, Labeled {
    case citizen, bureauAdmin, evaluator, townshipManager, venueManager, villageStaff, thirdPartyEvaluator

    public var isStaff: Bool { self != .citizen }
    static var staffRoles: [Role] { allCases.filter(\.isStaff) }

    /// The kind of scope this role is bound to.
    var scopeKind: ScopeKind {
        switch self {
        case .citizen: .none
        case .bureauAdmin, .evaluator, .thirdPartyEvaluator: .city
        case .townshipManager: .township
        case .villageStaff: .village
        case .venueManager: .venue
        }
    }

    public var zh: String {
        switch self {
        case .citizen: "群众"; case .bureauAdmin: "文广旅体局管理员"; case .evaluator: "考核人员"
        case .townshipManager: "乡镇文化站管理员"; case .venueManager: "场馆管理员"
        case .villageStaff: "村（社区）文化管理员"; case .thirdPartyEvaluator: "第三方测评人员"
        }
    }
    public var en: String {
        switch self {
        case .citizen: "Citizen"; case .bureauAdmin: "Bureau administrator"; case .evaluator: "Evaluator"
        case .townshipManager: "Township manager"; case .venueManager: "Venue manager"
        case .villageStaff: "Village culture staff"; case .thirdPartyEvaluator: "Third-party evaluator"
        }
    }
}

public enum ScopeKind: String, Codable, Sendable {
    case none, city, township, village, venue
}
