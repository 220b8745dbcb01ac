import Foundation

/// Working days for handling deadlines (e.g. "answer a complaint within 5 working days").
/// Weekends are off, except the make-up working days of China's holiday schedule (调休);
/// public holidays are off. Both lists hold days as "yyyy-MM-dd" and come from settings,
/// because the State Council publishes them year by year.
public struct WorkingCalendar: Sendable, Equatable {
    public var timeZone: TimeZone
    public var holidays: Set<String>
    public var makeUpWorkdays: Set<String>

    public init(timeZone: TimeZone, holidays: Set<String> = [], makeUpWorkdays: Set<String> = []) {
        self.timeZone = timeZone
        self.holidays = holidays
        self.makeUpWorkdays = makeUpWorkdays
    }

    private var calendar: Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    public func day(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    public func isWorkingDay(_ date: Date) -> Bool {
        let key = day(date)
        if makeUpWorkdays.contains(key) { return true }
        if holidays.contains(key) { return false }
        return !calendar.isDateInWeekend(date)
    }

    /// The end (local midnight after) of the `count`-th working day after the day of `start`.
    /// Something submitted on a Friday with 5 working days is due by the end of next Friday.
    public func deadline(after start: Date, workingDays count: Int) -> Date {
        var day = calendar.startOfDay(for: start)
        var remaining = max(0, count)
        while remaining > 0 {
            day = calendar.date(byAdding: .day, value: 1, to: day)!
            if isWorkingDay(day.addingTimeInterval(12 * 3600)) { remaining -= 1 }
        }
        return calendar.date(byAdding: .day, value: 1, to: day)!
    }
}
