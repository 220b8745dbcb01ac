/// What a deduction is for (扣分项).
public enum DeductionKind: String, Sendable, Codable, CaseIterable {
    case inspectionFinding, upheldComplaint, integrityFlag

    public var zh: String { switch self { case .inspectionFinding: "督查发现问题"; case .upheldComplaint: "有效投诉"; case .integrityFlag: "数据异常" } }
    public var en: String { switch self { case .inspectionFinding: "Inspection finding"; case .upheldComplaint: "Upheld complaint"; case .integrityFlag: "Data integrity flag" } }
}

/// One weighed indicator. A rate's target is a share (0.95 for 95 %); a count's a minimum for
/// the whole period; opening hours a weekly minimum.
public struct SchemeItem: Sendable, Equatable, Codable {
    public var indicator: Indicator
    public var weight: Double
    public var target: Double

    public init(_ indicator: Indicator, weight: Double, target: Double) {
        self.indicator = indicator
        self.weight = weight
        self.target = target
    }
}

/// Points taken off per occurrence, up to a cap for the period.
public struct DeductionRule: Sendable, Equatable, Codable {
    public var kind: DeductionKind
    public var pointsEach: Double
    public var cap: Double

    public init(_ kind: DeductionKind, pointsEach: Double, cap: Double) {
        self.kind = kind
        self.pointsEach = pointsEach
        self.cap = cap
    }
}

/// An evaluation scheme (考核方案) for one period type: weighed indicators whose weights add up
/// to the total (100 or 1,000 points), and deductions.
public struct Scheme: Sendable, Equatable, Codable {
    public var periodType: PeriodType
    public var total: Int
    public var items: [SchemeItem]
    public var deductions: [DeductionRule]
    /// Whether anonymous online survey answers count in satisfaction. Off by default: a fresh
    /// browser per answer would let anyone add as many as they liked (issue #20 point 5).
    public var countsAnonymousSurveys: Bool

    public init(periodType: PeriodType, total: Int, items: [SchemeItem], deductions: [DeductionRule],
                countsAnonymousSurveys: Bool = false) {
        self.periodType = periodType
        self.total = total
        self.items = items
        self.deductions = deductions
        self.countsAnonymousSurveys = countsAnonymousSurveys
    }

    private enum CodingKeys: String, CodingKey { case periodType, total, items, deductions, countsAnonymousSurveys }

    /// Schemes saved before the switch existed read as "anonymous answers do not count".
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        periodType = try c.decode(PeriodType.self, forKey: .periodType)
        total = try c.decode(Int.self, forKey: .total)
        items = try c.decode([SchemeItem].self, forKey: .items)
        deductions = try c.decode([DeductionRule].self, forKey: .deductions)
        countsAnonymousSurveys = try c.decodeIfPresent(Bool.self, forKey: .countsAnonymousSurveys) ?? false
    }

    public static let allowedTotals = [100, 1000]

    public func item(_ indicator: Indicator) -> SchemeItem? { items.first { $0.indicator == indicator } }
}

/// Why a scheme cannot be saved. Each names what to fix.
public enum SchemeProblem: Sendable, Equatable {
    case totalNotAllowed(Int)
    case noItems
    case unknownIndicator(String)
    case duplicate(Indicator)
    case weightNotPositive(Indicator)
    case weightsDoNotAddUp(sum: Double, total: Int)
    case targetOutOfRange(Indicator)
    case deductionInvalid(DeductionKind)

    public var zh: String {
        switch self {
        case .totalNotAllowed(let t): "总分只能是 100 分或 1000 分（现为 \(t)）。"
        case .noItems: "方案至少要有一项考核指标。"
        case .unknownIndicator(let key): "没有名为“\(key)”的考核指标。"
        case .duplicate(let i): "“\(i.zh)”重复出现，每项指标只能列一次。"
        case .weightNotPositive(let i): "“\(i.zh)”的分值必须大于 0。"
        case .weightsDoNotAddUp(let sum, let total): "各项分值合计 \(Scoring.text(sum)) 分，应等于总分 \(total) 分。"
        case .targetOutOfRange(let i): i.kind == .rate ? "“\(i.zh)”的目标值应在 0% 到 100% 之间。" : "“\(i.zh)”的目标值必须大于 0。"
        case .deductionInvalid(let k): "“\(k.zh)”的每次扣分和封顶分值不能为负，且每次扣分不能超过封顶。"
        }
    }

    public var en: String {
        switch self {
        case .totalNotAllowed(let t): "The total must be 100 or 1,000 points (it is \(t))."
        case .noItems: "A scheme needs at least one indicator."
        case .unknownIndicator(let key): "There is no indicator called \"\(key)\"."
        case .duplicate(let i): "\(i.en) appears twice; list each indicator once."
        case .weightNotPositive(let i): "\(i.en) must carry more than 0 points."
        case .weightsDoNotAddUp(let sum, let total): "The weights add up to \(Scoring.text(sum)), not the total of \(total)."
        case .targetOutOfRange(let i): i.kind == .rate ? "The target for \(i.en) must be between 0 % and 100 %." : "The target for \(i.en) must be above 0."
        case .deductionInvalid(let k): "\(k.en): points per case and the cap must not be negative, and a case may not take more than the cap."
        }
    }
}

extension Scheme {
    /// Every problem at once, so the form can show them all.
    public func problems() -> [SchemeProblem] {
        var out: [SchemeProblem] = []
        if !Self.allowedTotals.contains(total) { out.append(.totalNotAllowed(total)) }
        if items.isEmpty { out.append(.noItems) }
        var seen = Set<Indicator>()
        for item in items {
            if !seen.insert(item.indicator).inserted { out.append(.duplicate(item.indicator)) }
            if !(item.weight > 0) { out.append(.weightNotPositive(item.indicator)) }
            let inRange = item.indicator.kind == .rate ? (item.target > 0 && item.target <= 1) : item.target > 0
            if !inRange || !item.target.isFinite { out.append(.targetOutOfRange(item.indicator)) }
        }
        let sum = items.reduce(0) { $0 + $1.weight }
        if !items.isEmpty, abs(sum - Double(total)) > 0.001 { out.append(.weightsDoNotAddUp(sum: sum, total: total)) }
        for d in deductions where d.pointsEach < 0 || d.cap < 0 || d.pointsEach > d.cap {
            out.append(.deductionInvalid(d.kind))
        }
        return out
    }

    /// The scheme that ships (R8.1, DESIGN §5), out of 100. Yearly targets are the standard's
    /// (a township station: ≥4 large events, ≥12 trainings, ≥2 special-group events); months and
    /// quarters carry their share, rounded up to whole activities.
    public static func standard(_ type: PeriodType) -> Scheme {
        let share: Double = switch type { case .year: 1; case .quarter: 0.25; case .month: 1.0 / 12 }
        let count = { (yearly: Double) in max(1, (yearly * share).rounded(.up)) }
        return Scheme(periodType: type, total: 100, items: [
            SchemeItem(.openingHours, weight: 8, target: 42),
            SchemeItem(.utilization, weight: 8, target: 0.5),
            SchemeItem(.participationPerThousand, weight: 8, target: (1200 * share).rounded()),
            SchemeItem(.showUp, weight: 5, target: 0.8),
            SchemeItem(.satisfaction, weight: 12, target: 0.85),
            SchemeItem(.activities, weight: 8, target: count(48)),
            SchemeItem(.largeEvents, weight: 6, target: count(4)),
            SchemeItem(.trainings, weight: 6, target: count(12)),
            SchemeItem(.specialGroupEvents, weight: 6, target: count(2)),
            SchemeItem(.reportingTimeliness, weight: 8, target: 0.95),
            SchemeItem(.villageCoverage, weight: 5, target: 1),
            SchemeItem(.mobileCoverage, weight: 4, target: 0.9),
            SchemeItem(.orderResponse, weight: 4, target: 0.95),
            SchemeItem(.staffing, weight: 4, target: 1),
            SchemeItem(.trainingCompliance, weight: 4, target: 1),
            SchemeItem(.noticeCompliance, weight: 4, target: 1),
        ], deductions: [
            DeductionRule(.inspectionFinding, pointsEach: 2, cap: 10),
            DeductionRule(.upheldComplaint, pointsEach: 1, cap: 5),
            DeductionRule(.integrityFlag, pointsEach: 1, cap: 5),
        ])
    }
}
