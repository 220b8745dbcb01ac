/// Star levels of a registered volunteer (星级志愿者) from cumulative confirmed service hours.
///
/// China's community-volunteer registration rules rate one to five stars at 100, 300, 600,
/// 1,000 and 1,500 hours; a county may set its own thresholds. Hours are kept in whole
/// minutes so that 99.5 hours (5,970 minutes) is never rounded up to a star.
public struct StarLevel: Sendable, Equatable {
    /// Hours needed for one, two, … stars, strictly increasing and positive.
    public let thresholdHours: [Int]

    public static let standard = StarLevel(validating: [100, 300, 600, 1_000, 1_500])!

    /// Nil unless the thresholds are positive and strictly increasing (at most ten levels).
    public init?(validating hours: [Int]) {
        guard !hours.isEmpty, hours.count <= 10, hours[0] > 0, zip(hours, hours.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        thresholdHours = hours
    }

    /// Parses "100,300,600,1000,1500"; nil if malformed.
    public init?(parsing text: String) {
        let parts = text.split(separator: ",").map { Int(String($0.filter { $0 != " " })) }
        guard !parts.contains(where: { $0 == nil }) else { return nil }
        self.init(validating: parts.compactMap { $0 })
    }

    /// Stars earned with this many confirmed minutes: a threshold counts once reached exactly.
    public func stars(minutes: Int) -> Int {
        thresholdHours.filter { minutes >= $0 * 60 }.count
    }

    /// Minutes still needed for the next star, or nil at the top level.
    public func minutesToNextStar(minutes: Int) -> Int? {
        let next = stars(minutes: minutes)
        guard next < thresholdHours.count else { return nil }
        return thresholdHours[next] * 60 - max(minutes, 0)
    }
}
