/// How far a unit is from a target during the period, and what would close the gap
/// (R8.2, like Chengdu's 文化e管家): "2 more special-group activities by 31 December".
public struct Gap: Sendable, Equatable {
    public enum Action: Sendable, Equatable {
        /// Hold or log this many more (activities, hours).
        case more(Int)
        /// This many more successes in a row (satisfied ratings, on-time reports, answered orders…)
        /// would lift the rate to the target.
        case moreSuccesses(Int)
        /// This many more of a fixed whole: villages, staff, venues, space-minutes. Unlike
        /// `moreSuccesses`, the denominator does not grow as the gap closes.
        case moreCovered(Int)
        /// Add this many hours a week.
        case moreWeeklyHours(Double)
        /// This many more participations.
        case moreParticipations(Int)
        /// The rate cannot reach a target of 100 % once a miss is on record, or the figure has
        /// no data yet.
        case cannotReach
    }

    public let indicator: Indicator
    public let value: Double?
    public let target: Double
    public let action: Action
}

public enum Shortfall {
    /// The gaps of every item below its target, counts first (they are what a unit can act on
    /// soonest). Items at or above target are left out.
    public static func gaps(_ score: UnitScore) -> [Gap] {
        score.items.compactMap { gap($0) }
    }

    public static func gap(_ item: ItemScore) -> Gap? {
        let m = item.measure
        if let value = m.value, value >= item.target - 1e-9 { return nil }
        let action: Gap.Action
        switch item.indicator.kind {
        case .count:
            let missing = item.target - (m.value ?? 0)
            action = .more(Int(missing.rounded(.up)))
        case .weeklyHours:
            guard let value = m.value else { action = .cannotReach; break }
            action = .moreWeeklyHours(((item.target - value) * 2).rounded(.up) / 2)
        case .perThousand:
            guard let population = m.denominator, population > 0 else { action = .cannotReach; break }
            let needed = (item.target * population / 1000).rounded(.up) - m.numerator
            action = .moreParticipations(Int(max(1, needed)))
        case .rate where item.indicator.denominatorIsFixed:
            guard let whole = m.denominator, whole > 0 else { action = .cannotReach; break }
            action = .moreCovered(Int(max(1, (item.target * whole - m.numerator - 1e-9).rounded(.up))))
        case .rate:
            action = moreSuccesses(successes: m.numerator, of: m.denominator ?? 0, target: item.target)
        }
        return Gap(indicator: item.indicator, value: m.value, target: item.target, action: action)
    }

    /// The smallest n with (s + n) ÷ (d + n) ≥ t: n ≥ (t·d − s) ÷ (1 − t).
    public static func moreSuccesses(successes s: Double, of d: Double, target t: Double) -> Gap.Action {
        if d <= 0 { return .moreSuccesses(1) }
        if t >= 1 { return s >= d ? .moreSuccesses(0) : .cannotReach }
        let n = ((t * d - s) / (1 - t) - 1e-9).rounded(.up)
        return .moreSuccesses(Int(max(1, n)))
    }
}
