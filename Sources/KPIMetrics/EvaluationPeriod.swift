import Foundation

public enum PeriodType: String, Sendable, Codable, CaseIterable {
    case month, quarter, year

    public var zh: String { switch self { case .month: "月度"; case .quarter: "季度"; case .year: "年度" } }
    public var en: String { switch self { case .month: "Monthly"; case .quarter: "Quarterly"; case .year: "Annual" } }
}

/// A calendar period evaluated as a whole, with its first and last local day ("yyyy-MM-dd").
/// Days are calendar days, not instants: the app turns them into instants in its own time zone.
public struct EvaluationPeriod: Sendable, Equatable, Hashable, Codable {
    public let type: PeriodType
    /// "2026", "2026-Q4" or "2026-11".
    public let key: String
    public let firstDay: String
    public let lastDay: String

    /// nil unless `key` is a well-formed key of `type` between 2000 and 2100.
    public init?(type: PeriodType, key: String) {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        guard parts[0].allSatisfy({ $0.isASCII && $0.isNumber }), let year = Int(parts[0]), parts[0].count == 4, (2000...2100).contains(year) else { return nil }
        let months: ClosedRange<Int>
        switch type {
        case .year:
            guard parts.count == 1 else { return nil }
            months = 1...12
        case .quarter:
            guard parts.count == 2, parts[1].count == 2, parts[1].first == "Q", let q = Int(parts[1].dropFirst()), (1...4).contains(q) else { return nil }
            months = (q * 3 - 2)...(q * 3)
        case .month:
            // Digits only: Int("+1") is 1, and "2026-+1" must not pass for a second January.
            guard parts.count == 2, parts[1].count == 2, parts[1].allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(parts[1]), (1...12).contains(m) else { return nil }
            months = m...m
        }
        self.type = type
        self.key = key
        firstDay = String(format: "%04d-%02d-01", year, months.lowerBound)
        lastDay = String(format: "%04d-%02d-%02d", year, months.upperBound, Self.daysIn(year: year, month: months.upperBound))
    }

    /// The period of `type` that holds `day`.
    public static func containing(_ day: String, type: PeriodType) -> EvaluationPeriod? {
        let parts = day.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        switch type {
        case .year: return EvaluationPeriod(type: type, key: String(format: "%04d", parts[0]))
        case .quarter: return EvaluationPeriod(type: type, key: String(format: "%04d-Q%d", parts[0], (parts[1] - 1) / 3 + 1))
        case .month: return EvaluationPeriod(type: type, key: String(format: "%04d-%02d", parts[0], parts[1]))
        }
    }

    /// The period before this one (the previous month, quarter or year).
    public var previous: EvaluationPeriod {
        let day = Day(firstDay)!.adding(-1)
        return Self.containing(day.string, type: type)!
    }

    /// The day after the last: periods are half-open when turned into instants.
    public var endDay: String { Day(lastDay)!.adding(1).string }

    public var dayCount: Int { Day(lastDay)!.number - Day(firstDay)!.number + 1 }

    /// Days of the period a unit was open for: from its opening day (if later) to the last day.
    /// 0 when it opened after the period; the whole period when `openedOn` is nil.
    public func daysOpen(openedOn: String?) -> Int {
        guard let openedOn, let opened = Day(openedOn) else { return dayCount }
        let first = max(opened.number, Day(firstDay)!.number)
        return max(0, Day(lastDay)!.number - first + 1)
    }

    /// How many Mondays … Sundays fall between `from` and `to` inclusive, clipped to the period;
    /// index 0 is Monday, as opening hours store weekdays 1 (Monday) … 7.
    public func weekdayCounts(from: String? = nil, to: String? = nil) -> [Int] {
        var counts = Array(repeating: 0, count: 7)
        let start = max(Day(firstDay)!.number, from.flatMap(Day.init)?.number ?? .min)
        let end = min(Day(lastDay)!.number, to.flatMap(Day.init)?.number ?? .max)
        guard start <= end else { return counts }
        for n in start...end { counts[Day.weekdayIndex(n)] += 1 }
        return counts
    }

    static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

/// A calendar day as a day number (days since 1970-01-01), for arithmetic without time zones.
struct Day {
    let number: Int

    init(number: Int) { self.number = number }

    init?(_ string: String) {
        let p = string.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3, (1...12).contains(p[1]), (1...EvaluationPeriod.daysIn(year: p[0], month: p[1])).contains(p[2]) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = p[1] <= 2 ? p[0] - 1 : p[0]
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (p[1] + 9) % 12
        let doy = (153 * mp + 2) / 5 + p[2] - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = era * 146_097 + doe - 719_468
    }

    func adding(_ days: Int) -> Day { Day(number: number + days) }

    var string: String {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return String(format: "%04d-%02d-%02d", yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// 1970-01-01 was a Thursday (index 3 with Monday = 0).
    static func weekdayIndex(_ number: Int) -> Int { ((number % 7) + 7 + 3) % 7 }
}
