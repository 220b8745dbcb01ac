import Foundation

/// The calendar period a local day falls in, as a sortable key: "2026", "2026-Q4", "2026-11",
/// or the ISO week "2026-W48" (weeks start on Monday; the first week holds 4 January).
public enum PeriodUnit: String, Sendable, CaseIterable {
    case year, quarter, month, week

    /// nil unless `day` is a real `yyyy-MM-dd` day.
    public func key(forDay day: String) -> String? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        let (year, month) = (parts[0], parts[1])
        switch self {
        case .year: return String(format: "%04d", year)
        case .quarter: return String(format: "%04d-Q%d", year, (month - 1) / 3 + 1)
        case .month: return String(format: "%04d-%02d", year, month)
        case .week:
            let week = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
            return String(format: "%04d-W%02d", week.yearForWeekOfYear!, week.weekOfYear!)
        }
    }
}
