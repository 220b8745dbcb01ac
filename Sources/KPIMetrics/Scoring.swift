import Foundation

/// One indicator's result for one unit.
public struct ItemScore: Sendable, Equatable, Codable {
    public var indicator: Indicator
    public var weight: Double
    /// The scheme's target, scaled for a count when the unit was open for part of the period.
    public var target: Double
    public var measure: Measure
    /// nil when there is no data: the item is left out and the rest scaled up to the total.
    public var points: Double?

    public var met: Bool? { measure.value.map { $0 >= target - 1e-9 } }
}

public struct UnitScore: Sendable, Equatable, Codable {
    public var items: [ItemScore]
    /// Points earned on items with data, and what those items were worth.
    public var earned: Double
    public var possible: Double
    /// Earned scaled to the total: earned ÷ possible × total (0 when nothing could be measured).
    public var scaled: Double
    public var deductions: [DeductionKind: Double]
    public var total: Double
}

/// Scoring (R8.1, R8.2). An item earns its weight in proportion to how far the figure reaches
/// the target, at most the full weight. Items without data are left out and the remaining
/// weights scaled up to the total, so a unit without ratings is neither rewarded nor punished for
/// it (缺项按比例折算). Deductions come off the scaled total, each kind up to its cap, never
/// below 0.
public enum Scoring {
    /// `exposure` is the share of the period the unit was open (days open ÷ days): count
    /// targets shrink with it, rates and weekly hours do not.
    public static func score(_ scheme: Scheme, measures: [Indicator: Measure], inputs: UnitInputs, exposure: Double = 1) -> UnitScore {
        let share = min(1, max(0, exposure))
        var items: [ItemScore] = []
        for item in scheme.items {
            guard let measure = measures[item.indicator] else { continue }
            let target = item.indicator.kind == .count || item.indicator.kind == .perThousand ? item.target * share : item.target
            var points: Double?
            if let value = measure.value {
                points = target <= 0 ? item.weight : item.weight * min(1, max(0, value) / target)
            }
            items.append(ItemScore(indicator: item.indicator, weight: item.weight, target: target, measure: measure, points: points))
        }
        let scored = items.filter { $0.points != nil }
        let earned = scored.reduce(0) { $0 + $1.points! }
        let possible = scored.reduce(0) { $0 + $1.weight }
        let scaled = possible > 0 ? earned / possible * Double(scheme.total) : 0
        var deductions: [DeductionKind: Double] = [:]
        for rule in scheme.deductions {
            let n = switch rule.kind {
            case .inspectionFinding: inputs.inspectionFindings
            case .upheldComplaint: inputs.upheldComplaints
            case .integrityFlag: inputs.integrityFlags
            }
            if n > 0 { deductions[rule.kind] = min(rule.cap, Double(n) * rule.pointsEach) }
        }
        let total = max(0, scaled - deductions.values.reduce(0, +))
        return UnitScore(items: items, earned: earned, possible: possible, scaled: scaled, deductions: deductions, total: round2(total))
    }

    public static func round2(_ x: Double) -> Double { (x * 100).rounded() / 100 }

    /// A score as people write it: "87.5", "90", "87.25".
    public static func text(_ x: Double) -> String {
        let r = round2(x)
        // Beyond Int's range (a mistyped weight of 1e300) there is nothing after the point to show.
        guard r.isFinite, abs(r) < 1e15 else { return String(format: "%.0f", r) }
        if r == r.rounded() { return String(Int(r)) }
        let s = String(format: "%.2f", r)
        return s.hasSuffix("0") ? String(s.dropLast()) : s
    }
}

/// Standard competition ranking (1, 2, 2, 4): equal scores share a place, by score to the
/// hundredth so rounding noise never splits a tie.
public enum Ranking {
    public static func ranks<ID: Hashable>(_ scores: [(id: ID, score: Double)]) -> [ID: Int] {
        let sorted = scores.map { ($0.id, Scoring.round2($0.score)) }.sorted { $0.1 > $1.1 }
        var out: [ID: Int] = [:]
        for (n, entry) in sorted.enumerated() {
            if n > 0, entry.1 == sorted[n - 1].1 { out[entry.0] = out[sorted[n - 1].0] } else { out[entry.0] = n + 1 }
        }
        return out
    }
}
