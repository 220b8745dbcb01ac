import Foundation

/// Anti-scalping rule (R4.2): `strikes` no-shows within `windowDays` block new
/// registrations for `blockDays` from the no-show that reached the limit.
public struct NoShowRule: Sendable, Equatable {
    public var strikes: Int
    public var windowDays: Int
    public var blockDays: Int

    public init(strikes: Int = 3, windowDays: Int = 180, blockDays: Int = 90) {
        self.strikes = strikes
        self.windowDays = windowDays
        self.blockDays = blockDays
    }

    /// How far back no-shows can matter: an old window may still hold a block that has not run out.
    public var lookBackDays: Int { windowDays + blockDays }

    /// The end of the block in force at `now`, or nil. `noShows` are the times of the
    /// activities the person missed, in any order.
    public func blockedUntil(noShows: [Date], now: Date) -> Date? {
        guard strikes > 0 else { return nil }
        let sorted = noShows.filter { $0 <= now }.sorted()
        guard sorted.count >= strikes else { return nil }
        var latestBlockEnd: Date?
        for last in (strikes - 1)..<sorted.count {
            let first = sorted[last - strikes + 1]
            guard sorted[last].timeIntervalSince(first) <= Double(windowDays) * 86_400 else { continue }
            let end = sorted[last].addingTimeInterval(Double(blockDays) * 86_400)
            if end > now { latestBlockEnd = max(latestBlockEnd ?? end, end) }
        }
        return latestBlockEnd
    }
}
