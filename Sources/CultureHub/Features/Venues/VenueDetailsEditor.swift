import Fluent
import Foundation
import Vapor

/// A week of opening hours as typed: per weekday (1…7) up to two periods ("09:00", "12:00"),
/// the second for after a lunch break. Empty strings mean "not open in that period".
struct HoursInput: Equatable {
    struct Period: Equatable {
        var opens: String
        var closes: String
        var isEmpty: Bool { opens.trimmingCharacters(in: .whitespaces).isEmpty && closes.trimmingCharacters(in: .whitespaces).isEmpty }
    }

    static let maxPeriods = 2
    var days: [Int: [Period]]

    init(days: [Int: [Period]]) { self.days = days }

    init(_ rows: [OpeningHours]) {
        self.init(periods: rows.map { ($0.weekday, $0.opensAt, $0.closesAt) })
    }

    /// The form as stored periods fill it: a venue's opening hours or a space's bookable hours.
    init(periods: [(weekday: Int, opens: Int, closes: Int)]) {
        days = Dictionary(grouping: periods.sorted { $0.opens < $1.opens }, by: \.weekday)
            .mapValues { $0.map { Period(opens: DisplayTime.clock($0.opens), closes: DisplayTime.clock($0.closes)) } }
    }

    /// Form fields `opens_D`/`closes_D` and, after a lunch break, `opens2_D`/`closes2_D`.
    init(form: [String: String]) {
        days = [:]
        for day in 1...7 {
            days[day] = [Period(opens: form["opens_\(day)"] ?? "", closes: form["closes_\(day)"] ?? ""),
                         Period(opens: form["opens2_\(day)"] ?? "", closes: form["closes2_\(day)"] ?? "")]
        }
    }

    func period(_ day: Int, _ index: Int) -> Period? {
        guard let periods = days[day], index < periods.count else { return nil }
        return periods[index]
    }

    static func field(_ kind: String, day: Int, index: Int) -> String { index == 0 ? "\(kind)_\(day)" : "\(kind)2_\(day)" }
}

struct SpaceInput: Content, Equatable {
    var name: String?
    var kind: String?
    var capacity: String?
    var area: String?
    var bookable: String?
    var description: String?

    init() {}
    init(_ s: Space) {
        name = s.name; kind = s.kind.rawValue; capacity = String(s.capacity); area = s.areaSqm.map(String.init)
        bookable = s.bookable ? "1" : ""; description = s.details
    }
}

struct ResourceInput: Content, Equatable {
    var kind: String?
    var quantity: String?
    var note: String?

    init() {}
    init(_ r: SpecialResource) { kind = r.kind.rawValue; quantity = String(r.quantity); note = r.note }
}

struct NoticeInput: Content, Equatable {
    var title: String?
    var freeItems: String?
    var content: String?
    var hoursText: String?
    var validFrom: String?
    var validUntil: String?

    init() {}
    init(_ n: FreeOpeningNotice) {
        title = n.title; freeItems = n.freeItems; content = n.content; hoursText = n.hoursText
        validFrom = n.validFrom; validUntil = n.validUntil
    }
}

/// Writes to the rows that hang off a venue. Each first checks role and scope on the venue.
enum VenueDetailsEditor {
    static func authorize(_ venue: Venue, _ staff: Staff) throws {
        try staff.require(.editRegistry)
        try staff.scope.authorize(venue)
    }

    static func replaceHours(of venue: Venue, with input: HoursInput, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try authorize(venue, staff)
        let venueID = try venue.requireID()
        let newRows = try periods(input, lang: lang).map { OpeningHours(venueID: venueID, weekday: $0.weekday, opensAt: $0.opens, closesAt: $0.closes) }
        try await db.writeTransaction { tx in
            try await OpeningHours.query(on: tx).filter(\.$venue.$id == venueID).delete()
            for row in newRows { try await row.create(on: tx) }
        }
    }

    /// The week's periods from the hours form, or field errors: one or two periods a day,
    /// each with both times, the second after the first.
    static func periods(_ input: HoursInput, lang: Lang) throws -> [(weekday: Int, opens: Int, closes: Int)] {
        var check = FormCheck(lang)
        var rows: [(weekday: Int, opens: Int, closes: Int)] = []
        for day in 1...7 {
            var previousEnd: Int?
            for (index, period) in (input.days[day] ?? []).enumerated() where !period.isEmpty {
                let opensField = HoursInput.field("opens", day: day, index: index)
                let closesField = HoursInput.field("closes", day: day, index: index)
                guard let (start, end) = checkPeriod(period, opensField, closesField, into: &check) else { continue }
                if let previousEnd, start < previousEnd {
                    check.fail(opensField, "午休后的开门时间应晚于上午的闭馆时间。", "The afternoon must start after the morning ends.")
                    continue
                }
                previousEnd = end
                rows.append((day, start, end))
            }
        }
        try check.throwIfInvalid()
        return rows
    }

    /// Both times of a period, in order; otherwise a field error and nil.
    private static func checkPeriod(_ period: HoursInput.Period, _ opensField: String, _ closesField: String,
                                    into check: inout FormCheck) -> (Int, Int)? {
        let opens = period.opens.trimmingCharacters(in: .whitespaces), closes = period.closes.trimmingCharacters(in: .whitespaces)
        guard !opens.isEmpty, !closes.isEmpty else {
            check.fail(opens.isEmpty ? opensField : closesField, "请同时填写开门和闭馆时间，或都留空表示闭馆。",
                       "Give both opening and closing times, or leave both empty for a closed day.")
            return nil
        }
        guard let start = DisplayTime.minutes(opens) else { check.fail(opensField, "时间格式应为 09:00。", "Use the format 09:00."); return nil }
        guard let end = DisplayTime.minutes(closes) else { check.fail(closesField, "时间格式应为 17:30。", "Use the format 17:30."); return nil }
        guard end > start else {
            check.fail(closesField, "闭馆时间必须晚于开门时间。", "Closing time must be after opening time.")
            return nil
        }
        return (start, end)
    }

    static func saveSpace(_ space: Space, _ input: SpaceInput, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try authorize(venue, staff)
        var check = FormCheck(lang)
        let name = check.text("name", input.name, max: 60)
        let kind: SpaceKind? = check.choice("kind", input.kind)
        let capacity = check.int("capacity", input.capacity, min: 1, max: 100_000)
        let area = check.int("area", input.area, required: false, min: 1, max: 1_000_000)
        let details = check.text("description", input.description, required: false, max: 500)
        try check.throwIfInvalid()
        space.$venue.id = try venue.requireID()
        space.regionPath = venue.regionPath
        space.name = name
        space.kind = kind!
        space.capacity = capacity!
        space.areaSqm = area
        space.bookable = FormCheck.flag(input.bookable)
        space.details = details
        try await space.save(on: db)
    }

    static func saveResource(_ resource: SpecialResource, _ input: ResourceInput, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try authorize(venue, staff)
        var check = FormCheck(lang)
        let kind: SpecialResourceKind? = check.choice("kind", input.kind)
        let quantity = check.int("quantity", input.quantity, min: 0, max: 10_000_000)
        let note = check.text("note", input.note, required: false, max: 200)
        try check.throwIfInvalid()
        resource.$venue.id = try venue.requireID()
        resource.regionPath = venue.regionPath
        resource.kind = kind!
        resource.quantity = quantity!
        resource.note = note
        try await resource.save(on: db)
    }

    static func saveNotice(_ notice: FreeOpeningNotice, _ input: NoticeInput, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try authorize(venue, staff)
        var check = FormCheck(lang)
        let title = check.text("title", input.title, max: 100)
        let freeItems = check.text("freeItems", input.freeItems, max: 1000)
        let content = check.text("content", input.content, max: 2000)
        let hoursText = check.text("hoursText", input.hoursText, max: 200)
        let from = check.date("validFrom", input.validFrom)
        let until = check.date("validUntil", input.validUntil, required: false)
        if let from, let until, until < from {
            check.fail("validUntil", "截止日期不能早于开始日期。", "The end date cannot be before the start date.")
        }
        try check.throwIfInvalid()
        notice.$venue.id = try venue.requireID()
        notice.regionPath = venue.regionPath
        notice.title = title
        notice.freeItems = freeItems
        notice.content = content
        notice.hoursText = hoursText
        notice.validFrom = from!
        notice.validUntil = until
        try await notice.save(on: db)
    }
}
