/// Rules for a volunteer's hours entries: no entry is longer than a day, no two entries of one
/// person overlap, and the entries starting on one day add up to at most 24 hours (a service
/// day counts where it starts, as a time sheet does). Times are seconds since 1970; days are cut
/// at the display time zone's midnight, given as an offset from UTC.
public enum ServiceHours {
    public static let dayLimitSeconds: Int64 = 86_400

    public struct Span: Sendable, Equatable {
        public let start: Int64
        public let end: Int64
        public init(start: Int64, end: Int64) { self.start = start; self.end = end }
        public var minutes: Int { Int((end - start) / 60) }
    }

    public enum Problem: Sendable, Equatable {
        case empty
        case longerThanADay
        /// The new span overlaps this existing one (the earliest such).
        case overlaps(Span)
        /// The day the new span starts on would hold this many minutes.
        case dayOverFull(minutes: Int)
    }

    /// The first problem with adding `new` to `existing`, or nil if it may be recorded.
    public static func problem(adding new: Span, to existing: [Span], utcOffsetSeconds: Int64) -> Problem? {
        guard new.end > new.start else { return .empty }
        guard new.end - new.start <= dayLimitSeconds else { return .longerThanADay }
        if let clash = existing.filter({ $0.start < new.end && new.start < $0.end }).min(by: { $0.start < $1.start }) {
            return .overlaps(clash)
        }
        let day = dayStart(new.start, offset: utcOffsetSeconds)
        let total = (existing + [new]).filter { dayStart($0.start, offset: utcOffsetSeconds) == day }.reduce(0) { $0 + ($1.end - $1.start) }
        return total > dayLimitSeconds ? .dayOverFull(minutes: Int(total / 60)) : nil
    }

    /// The first second of the local day holding `t`.
    public static func dayStart(_ t: Int64, offset: Int64) -> Int64 {
        let local = t + offset
        return local - ((local % 86_400) + 86_400) % 86_400 - offset
    }
}
