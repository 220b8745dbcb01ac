import Foundation

/// A half-open interval [start, end): a booking that ends at 10:00 does not clash with one
/// that starts at 10:00.
public struct TimeSlot: Sendable, Equatable, Hashable {
    public let start: Date
    public let end: Date

    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    public var isValid: Bool { start < end }

    public func overlaps(_ other: TimeSlot) -> Bool { start < other.end && other.start < end }

    /// Whether the slot lies inside one of the periods, e.g. one opening period of the day.
    public func fits(within periods: [TimeSlot]) -> Bool {
        periods.contains { $0.start <= start && end <= $0.end }
    }
}
