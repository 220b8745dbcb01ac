/// Where a satisfaction score came from (R5.5). Kept apart so a page can show how much of a
/// rate rests on paper questionnaires typed in by the unit itself.
public enum FeedbackChannel: String, CaseIterable, Sendable, Codable {
    case onlineRating, onlineSurvey, paperSurvey, thirdParty
}

/// How many scores of 1…5 a channel collected: `counts[0]` is the number of 1s.
public struct ScoreHistogram: Equatable, Sendable {
    public private(set) var counts: [Int]

    public init(counts: [Int] = [0, 0, 0, 0, 0]) {
        precondition(counts.count == 5, "a histogram has one count per score 1…5")
        self.counts = counts.map { max(0, $0) }
    }

    /// Adds `count` scores of `score`; anything outside 1…5 is not a valid rating and is ignored.
    public mutating func add(score: Int, count: Int = 1) {
        guard (1...5).contains(score), count > 0 else { return }
        counts[score - 1] += count
    }

    public var valid: Int { counts.reduce(0, +) }
    /// 满意 and 非常满意: scores 4 and 5 (DESIGN §5).
    public var satisfied: Int { counts[3] + counts[4] }
    public var average: Double? { valid == 0 ? nil : Double(zip(1...5, counts).map { $0 * $1 }.reduce(0, +)) / Double(valid) }
    /// nil with no valid scores: "no data" is neither 0 % nor 100 %.
    public var rate: Double? { valid == 0 ? nil : Double(satisfied) / Double(valid) }

    public static func + (a: ScoreHistogram, b: ScoreHistogram) -> ScoreHistogram {
        ScoreHistogram(counts: zip(a.counts, b.counts).map { $0 + $1 })
    }
}

/// Satisfaction rate 满意率 = scores of 4–5 ÷ valid scores, over all channels, with the
/// breakdown per channel. Every valid score weighs the same whichever channel it came by.
public struct SatisfactionResult: Equatable, Sendable {
    public let byChannel: [FeedbackChannel: ScoreHistogram]

    public init(_ byChannel: [FeedbackChannel: ScoreHistogram]) { self.byChannel = byChannel }

    public var total: ScoreHistogram { byChannel.values.reduce(ScoreHistogram(), +) }
    public var rate: Double? { total.rate }
    public func rate(_ channel: FeedbackChannel) -> Double? { byChannel[channel]?.rate }
    public func count(_ channel: FeedbackChannel) -> Int { byChannel[channel]?.valid ?? 0 }
    /// Channels with at least one valid score, in the fixed order of `FeedbackChannel`.
    public var channelsWithData: [FeedbackChannel] { FeedbackChannel.allCases.filter { count($0) > 0 } }
}

public enum Satisfaction {
    /// Builds the result from (channel, score, count) rows as a GROUP BY returns them.
    public static func result(rows: [(channel: FeedbackChannel, score: Int, count: Int)]) -> SatisfactionResult {
        var byChannel: [FeedbackChannel: ScoreHistogram] = [:]
        for row in rows { byChannel[row.channel, default: ScoreHistogram()].add(score: row.score, count: row.count) }
        return SatisfactionResult(byChannel.filter { $0.value.valid > 0 })
    }
}
