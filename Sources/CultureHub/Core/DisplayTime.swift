import Foundation
import Vapor

/// Times are stored in UTC and shown in `TZ_DISPLAY` (DESIGN §3 rule 1).
struct DisplayTime {
    let timeZone: TimeZone
    let now: Date

    private var calendar: Calendar {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        return cal
    }

    /// `yyyy-MM-dd` of the local calendar day.
    var today: String { Self.day(now, in: timeZone) }

    /// How far ahead staff are warned that a notice runs out.
    static let noticeWarningDays = 30

    /// The local calendar day `days` from now, as `yyyy-MM-dd`.
    func day(after days: Int) -> String { Self.day(now.addingTimeInterval(Double(days) * 86_400), in: timeZone) }

    static func day(_ date: Date, in timeZone: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let c = cal.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// Monday = 1 … Sunday = 7, as stored in opening hours.
    var weekday: Int {
        let sundayFirst = calendar.component(.weekday, from: now)
        return sundayFirst == 1 ? 7 : sundayFirst - 1
    }

    var minuteOfDay: Int {
        let c = calendar.dateComponents([.hour, .minute], from: now)
        return c.hour! * 60 + c.minute!
    }

    func dateTime(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
    }

    static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

    /// "09:00" → 540; nil for anything else, including "24:01".
    static func minutes(_ text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]),
              (0...24).contains(h), (0..<60).contains(m), h * 60 + m <= 24 * 60 else { return nil }
        return h * 60 + m
    }
}

extension Request {
    var displayTime: DisplayTime { DisplayTime(timeZone: settings.displayTimeZone, now: now) }
}
