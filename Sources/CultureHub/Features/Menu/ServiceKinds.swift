/// Kinds of service on a menu and of activities (R3.1, R4.1).
public enum ServiceKind: String, Codable, Sendable, CaseIterable, Labeled {
    case performance, exhibition, training, lecture, reading, sports, film, coaching, mobileLibrary, other
    public var zh: String {
        switch self {
        case .performance: "文艺演出"; case .exhibition: "展览"; case .training: "培训"; case .lecture: "讲座"
        case .reading: "阅读推广"; case .sports: "全民健身"; case .film: "电影放映"; case .coaching: "辅导"
        case .mobileLibrary: "流动图书"; case .other: "其他"
        }
    }
    public var en: String {
        switch self {
        case .performance: "Performance"; case .exhibition: "Exhibition"; case .training: "Training"; case .lecture: "Lecture"
        case .reading: "Reading"; case .sports: "Sports"; case .film: "Film"; case .coaching: "Coaching"
        case .mobileLibrary: "Mobile library"; case .other: "Other"
        }
    }
}

/// Groups an item or activity is meant for (R2.3); reported and evaluated per group.
public enum TargetGroup: String, Codable, Sendable, CaseIterable, Labeled {
    case everyone, children, elderly, disabled, migrantWorkers
    public var zh: String {
        switch self {
        case .everyone: "社会公众"; case .children: "少年儿童"; case .elderly: "老年人"
        case .disabled: "残障人士"; case .migrantWorkers: "外来务工人员"
        }
    }
    public var en: String {
        switch self {
        case .everyone: "Everyone"; case .children: "Children"; case .elderly: "Older people"
        case .disabled: "People with disabilities"; case .migrantWorkers: "Migrant workers"
        }
    }

    /// Stored as ",children,elderly," so one group is a LIKE '%,children,%' on both databases.
    static func encode(_ groups: some Sequence<TargetGroup>) -> String {
        let set = Set(groups)
        let names = allCases.filter(set.contains).map(\.rawValue)
        return names.isEmpty ? "" : "," + names.joined(separator: ",") + ","
    }
    static func decode(_ stored: String) -> [TargetGroup] {
        stored.split(separator: ",").compactMap { TargetGroup(rawValue: String($0)) }
    }
    /// The special groups of R2.3, for "special-group activity" counts.
    var isSpecial: Bool { self != .everyone }
}

/// The period a menu quantity refers to ("12 a year").
public enum QuantityPeriod: String, Codable, Sendable, CaseIterable, Labeled {
    case year, quarter, month, week
    public var zh: String { switch self { case .year: "每年"; case .quarter: "每季度"; case .month: "每月"; case .week: "每周" } }
    public var en: String { switch self { case .year: "a year"; case .quarter: "a quarter"; case .month: "a month"; case .week: "a week" } }
}
