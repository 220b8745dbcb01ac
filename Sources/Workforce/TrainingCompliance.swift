/// Yearly training compliance (R7.2): staff of city venues need `cityOffJobDays` of off-job
/// training (脱产培训) a year, township and village staff `grassrootsCentralisedDays` of
/// centralised training (集中培训). Someone in post for part of the year, or who moved
/// between tiers, owes each tier's days pro rata to the days they held a post there.
public struct TrainingRule: Sendable, Equatable {
    public var cityOffJobDays: Double
    public var grassrootsCentralisedDays: Double
    public init(cityOffJobDays: Double = 15, grassrootsCentralisedDays: Double = 5) {
        self.cityOffJobDays = cityOffJobDays
        self.grassrootsCentralisedDays = grassrootsCentralisedDays
    }
}

public enum UnitTier: String, Sendable, CaseIterable, Codable { case city, township, village }
public enum TrainingKind: String, Sendable, CaseIterable, Codable { case offJob, centralised }

public struct TrainingCompliance: Sendable, Equatable {
    public struct Post: Sendable, Equatable {
        public let tier: UnitTier
        public let span: PostSpan
        public init(tier: UnitTier, span: PostSpan) { self.tier = tier; self.span = span }
    }
    public struct Credit: Sendable, Equatable {
        public let kind: TrainingKind
        public let days: Double
        public init(kind: TrainingKind, days: Double) { self.kind = kind; self.days = days }
    }

    public let required: [TrainingKind: Double]
    public let credited: [TrainingKind: Double]
    /// What should be done by `today`, pro rata through the year.
    public let expectedByNow: [TrainingKind: Double]

    /// Every kind required is met (for the whole year).
    public var isCompliant: Bool { TrainingKind.allCases.allSatisfy { (credited[$0] ?? 0) + 1e-9 >= (required[$0] ?? 0) } }
    /// Behind the pro-rata schedule for some kind.
    public var isBehind: Bool { TrainingKind.allCases.contains { (credited[$0] ?? 0) + 1e-9 < (expectedByNow[$0] ?? 0) } }
    /// Days still owed for the year, by kind.
    public var owed: [TrainingKind: Double] {
        Dictionary(uniqueKeysWithValues: TrainingKind.allCases.map { ($0, max(0, (required[$0] ?? 0) - (credited[$0] ?? 0))) })
    }

    /// `yearFirst…yearLast` are the year's first and last day; `today` may lie outside it.
    public static func evaluate(posts: [Post], credits: [Credit], yearFirst: Int, yearLast: Int, today: Int, rule: TrainingRule) -> TrainingCompliance {
        let yearDays = Double(yearLast - yearFirst + 1)
        var required: [TrainingKind: Double] = [:], expected: [TrainingKind: Double] = [:]
        let elapsedLast = min(max(today, yearFirst - 1), yearLast)
        for post in posts {
            let (kind, target) = post.tier == .city ? (TrainingKind.offJob, rule.cityOffJobDays) : (.centralised, rule.grassrootsCentralisedDays)
            let share = Double(post.span.days(from: yearFirst, to: yearLast)) / yearDays
            required[kind, default: 0] += target * share
            expected[kind, default: 0] += target * Double(post.span.days(from: yearFirst, to: elapsedLast)) / yearDays
        }
        // Owed days are rounded to half days, as courses are credited; a full year owes exactly the target.
        let half: (Double) -> Double = { ($0 * 2).rounded(.toNearestOrAwayFromZero) / 2 }
        var credited: [TrainingKind: Double] = [:]
        for c in credits { credited[c.kind, default: 0] += c.days }
        return TrainingCompliance(required: required.mapValues(half), credited: credited, expectedByNow: expected.mapValues(half))
    }
}
