import Foundation

/// When an activity's report to the culture cloud is due (R4.5): a number of days after the
/// local day it ends, and no later than the monthly close day (the 25th by default) of the
/// month it ends in. An activity ending after the close day falls into the next month's round,
/// so only its own allowance applies.
public struct ReportingRule: Sendable, Equatable {
    public var daysAfterEnd: Int
    /// 0 turns the monthly close off.
    public var monthlyCloseDay: Int

    public init(daysAfterEnd: Int = 3, monthlyCloseDay: Int = 25) {
        self.daysAfterEnd = daysAfterEnd
        self.monthlyCloseDay = monthlyCloseDay
    }

    /// The last local day (yyyy-MM-dd) a report may be filed; nil unless `endDay` is a real day.
    public func deadlineDay(forEndDay endDay: String) -> String? {
        let parts = endDay.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar), let end = calendar.date(from: components),
              var due = calendar.date(byAdding: .day, value: max(0, daysAfterEnd), to: end) else { return nil }
        if monthlyCloseDay > 0 {
            let monthStart = calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: 1))!
            let closeMonth = parts[2] <= monthlyCloseDay ? monthStart : calendar.date(byAdding: .month, value: 1, to: monthStart)!
            let close = calendar.date(byAdding: .day, value: monthlyCloseDay - 1, to: closeMonth)!
            due = min(due, close)
        }
        let c = calendar.dateComponents([.year, .month, .day], from: due)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }
}
