import Foundation

/// The weeks of a calendar month, Monday first as on Chinese calendars; days outside the
/// month are nil so a grid can leave them blank.
public struct MonthGrid: Sendable, Equatable {
    public let year: Int
    public let month: Int
    public let weeks: [[Int?]]

    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1900...2200).contains(year) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        guard let first = calendar.date(from: DateComponents(year: year, month: month, day: 1)),
              let days = calendar.range(of: .day, in: .month, for: first)?.count else { return nil }
        let sundayFirst = calendar.component(.weekday, from: first)
        let leading = (sundayFirst + 5) % 7
        var cells: [Int?] = Array(repeating: nil, count: leading) + (1...days).map { Optional($0) }
        while cells.count % 7 != 0 { cells.append(nil) }
        self.year = year
        self.month = month
        self.weeks = stride(from: 0, to: cells.count, by: 7).map { Array(cells[$0..<$0 + 7]) }
    }

    public var previous: (year: Int, month: Int) { month == 1 ? (year - 1, 12) : (year, month - 1) }
    public var next: (year: Int, month: Int) { month == 12 ? (year + 1, 1) : (year, month + 1) }

    /// `yyyy-MM`, as used in links.
    public var key: String { String(format: "%04d-%02d", year, month) }

    public func day(_ day: Int) -> String { String(format: "%04d-%02d-%02d", year, month, day) }
}
