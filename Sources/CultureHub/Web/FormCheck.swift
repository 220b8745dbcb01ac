import Foundation

/// Collects field errors in the user's language while reading a submitted form,
/// so one pass reports every problem at once and nothing is saved unless all pass.
struct FormCheck {
    let lang: Lang
    private(set) var errors: FieldErrors = [:]

    init(_ lang: Lang) { self.lang = lang }

    var isValid: Bool { errors.isEmpty }

    mutating func fail(_ field: String, _ zh: String, _ en: String) {
        if errors[field] == nil { errors[field] = lang.t(zh, en) }
    }

    func throwIfInvalid() throws {
        guard errors.isEmpty else { throw AppError.invalid(errors) }
    }

    mutating func text(_ field: String, _ raw: String?, required: Bool = true, max: Int) -> String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if required && value.isEmpty {
            fail(field, "请填写此项。", "This field is required.")
        } else if value.count > max {
            fail(field, "不能超过 \(max) 个字（现在 \(value.count) 个）。", "At most \(max) characters (now \(value.count)).")
        }
        return value
    }

    mutating func int(_ field: String, _ raw: String?, required: Bool = true, min: Int, max: Int) -> Int? {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            if required { fail(field, "请填写此项。", "This field is required.") }
            return nil
        }
        guard let n = Int(value) else {
            fail(field, "请填写整数，例如 120。", "Enter a whole number, e.g. 120.")
            return nil
        }
        guard n >= min, n <= max else {
            if n < 0 && min >= 0 {
                fail(field, "不能为负数。", "Cannot be negative.")
            } else {
                fail(field, "应在 \(min) 到 \(max) 之间。", "Must be between \(min) and \(max).")
            }
            return nil
        }
        return n
    }

    mutating func double(_ field: String, _ raw: String?, min: Double, max: Double) -> Double? {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if value.isEmpty { return nil }
        guard let d = Double(value), d.isFinite else {
            fail(field, "请填写数字，例如 34.53。", "Enter a number, e.g. 34.53.")
            return nil
        }
        guard d >= min, d <= max else {
            fail(field, "应在 \(min) 到 \(max) 之间。", "Must be between \(min) and \(max).")
            return nil
        }
        return d
    }

    mutating func choice<E: RawRepresentable>(_ field: String, _ raw: String?) -> E? where E.RawValue == String {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            fail(field, "请选择一项。", "Please choose one.")
            return nil
        }
        guard let e = E(rawValue: value) else {
            fail(field, "不认识的选项“\(value)”。", "Unknown option “\(value)”.")
            return nil
        }
        return e
    }

    mutating func uuid(_ field: String, _ raw: String?, required: Bool = true) -> UUID? {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            if required { fail(field, "请选择一项。", "Please choose one.") }
            return nil
        }
        guard let id = UUID(uuidString: value) else {
            fail(field, "选项无效。", "Invalid option.")
            return nil
        }
        return id
    }

    /// A local day with start and end times (`date`, `starts`, `ends` fields), the end after the start.
    mutating func daySpan(date: String?, starts: String?, ends: String?) -> (day: String, start: Int, end: Int)? {
        let day = self.date("date", date)
        let start = DisplayTime.minutes(starts ?? ""), end = DisplayTime.minutes(ends ?? "")
        if start == nil { fail("starts", "请按 14:30 的格式填写开始时间。", "Enter a start time like 14:30.") }
        if end == nil { fail("ends", "请按 16:30 的格式填写结束时间。", "Enter an end time like 16:30.") }
        if let start, let end, end <= start { fail("ends", "结束时间要晚于开始时间。", "The end must be after the start.") }
        guard let day, let start, let end, end > start else { return nil }
        return (day, start, end)
    }

    /// `yyyy-MM-dd`, a real calendar day.
    mutating func date(_ field: String, _ raw: String?, required: Bool = true) -> String? {
        let value = (raw ?? "").trimmingCharacters(in: .whitespaces)
        if value.isEmpty {
            if required { fail(field, "请填写日期。", "Enter a date.") }
            return nil
        }
        let parts = value.split(separator: "-").compactMap { Int($0) }
        guard value.count == 10, parts.count == 3 else {
            fail(field, "日期格式应为 2026-01-31。", "Use the format 2026-01-31.")
            return nil
        }
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let comps = DateComponents(year: parts[0], month: parts[1], day: parts[2])
        guard (1900...2200).contains(parts[0]), comps.isValidDate(in: cal) else {
            fail(field, "不是有效的日期。", "Not a valid date.")
            return nil
        }
        return value
    }

    static func flag(_ raw: String?) -> Bool { ["1", "true", "on", "yes"].contains((raw ?? "").lowercased()) }
}
