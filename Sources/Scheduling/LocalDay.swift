import Foundation

/// Arithmetic on local calendar days written `yyyy-MM-dd`, the form days are stored and typed in.
public enum LocalDay {
    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC")!
        return c
    }()

    static func date(_ day: String) -> Date? {
        let p = day.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return nil }
        let components = DateComponents(year: p[0], month: p[1], day: p[2])
        guard components.isValidDate(in: calendar) else { return nil }
        return calendar.date(from: components)
    }

    static func string(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The day `n` days after (or before, for negative `n`) `day`; nil unless `day` is real.
    public static func adding(_ n: Int, to day: String) -> String? {
        date(day).flatMap { calendar.date(byAdding: .day, value: n, to: $0) }.map(string)
    }

    /// Days since 1970-01-01 (a day number for arithmetic on spans of days); nil unless `day` is real.
    public static func number(_ day: String) -> Int? {
        date(day).map { Int(($0.timeIntervalSince1970 / 86_400).rounded(.down)) }
    }

    /// The day of a day number.
    public static func string(number: Int) -> String {
        string(Date(timeIntervalSince1970: Double(number) * 86_400))
    }

    /// Days from `start` to `end`, both counted: 1 for the same day.
    public static func span(from start: String, to end: String) -> Int? {
        guard let a = date(start), let b = date(end) else { return nil }
        return (calendar.dateComponents([.day], from: a, to: b).day ?? 0) + 1
    }

    /// Saturdays and Sundays among the `count` days from `start`.
    public static func weekends(from start: String, count: Int) -> Set<String> {
        guard let first = date(start) else { return [] }
        return Set((0..<max(0, count)).compactMap { offset -> String? in
            let d = calendar.date(byAdding: .day, value: offset, to: first)!
            let weekday = calendar.component(.weekday, from: d)
            return weekday == 1 || weekday == 7 ? string(d) : nil
        })
    }
}
