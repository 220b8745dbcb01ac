/// Village-centre coverage (覆盖率, R1.4): the share of villages with an operating centre.
public struct CoverageRow: Equatable, Sendable {
    public let groupKey: String
    public let total: Int
    public let covered: Int

    public init(groupKey: String, total: Int, covered: Int) {
        self.groupKey = groupKey
        self.total = total
        self.covered = covered
    }

    /// nil when the group has no villages: "no data" is not 0 % and not 100 %.
    public var rate: Double? { Coverage.rate(covered: covered, total: total) }
    public var uncovered: Int { total - covered }
}

public enum Coverage {
    public static func rate(covered: Int, total: Int) -> Double? {
        guard total > 0 else { return nil }
        return Double(min(covered, total)) / Double(total)
    }

    /// Groups villages (by township, say) and counts those in `covered`.
    /// Rows come back in the order groups first appear in `villages`.
    public static func byGroup<ID: Hashable>(villages: [(group: String, id: ID)], covered: Set<ID>) -> [CoverageRow] {
        var order: [String] = []
        var totals: [String: (Int, Int)] = [:]
        for village in villages {
            if totals[village.group] == nil { order.append(village.group) }
            let hit = covered.contains(village.id) ? 1 : 0
            totals[village.group, default: (0, 0)].0 += 1
            totals[village.group, default: (0, 0)].1 += hit
        }
        return order.map { CoverageRow(groupKey: $0, total: totals[$0]!.0, covered: totals[$0]!.1) }
    }

    public static func overall(_ rows: [CoverageRow]) -> CoverageRow {
        CoverageRow(groupKey: "*", total: rows.reduce(0) { $0 + $1.total }, covered: rows.reduce(0) { $0 + $1.covered })
    }
}

/// Opening hours against the standard's weekly minimum (e.g. ≥42 h, R1.5).
public enum OpeningTime {
    /// Total open minutes a week from (opens, closes) minute pairs; malformed periods count 0.
    public static func weeklyMinutes(_ periods: [(opens: Int, closes: Int)]) -> Int {
        periods.reduce(0) { $0 + max(0, $1.closes - $1.opens) }
    }

    public static func meetsMinimum(_ periods: [(opens: Int, closes: Int)], hoursPerWeek: Int) -> Bool {
        weeklyMinutes(periods) >= hoursPerWeek * 60
    }
}

/// Formats a rate as a percentage with one decimal, "—" when there is no data.
public func percentText(_ rate: Double?) -> String {
    guard let rate else { return "—" }
    let tenths = Int((rate * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
}
