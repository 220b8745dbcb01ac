import Fluent
import Foundation
import Vapor

struct HoursInput: Equatable {
    /// Weekday (1…7) → ("09:00", "17:00"); both empty means closed that day.
    var days: [Int: (opens: String, closes: String)]

    static func == (a: HoursInput, b: HoursInput) -> Bool {
        (1...7).allSatisfy { a.days[$0]?.opens == b.days[$0]?.opens && a.days[$0]?.closes == b.days[$0]?.closes }
    }

    init(days: [Int: (opens: String, closes: String)]) { self.days = days }

    init(_ rows: [OpeningHours]) {
        days = Dictionary(rows.map { ($0.weekday, (DisplayTime.clock($0.opensAt), DisplayTime.clock($0.closesAt))) }, uniquingKeysWith: { a, _ in a })
    }

    init(form: [String: String]) {
        days = [:]
        for day in 1...7 {
            days[day] = (form["opens_\(day)"] ?? "", form["closes_\(day)"] ?? "")
        }
    }
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
        try staff.require(staff.role.canEditRegistry)
        try staff.scope.authorize(venue)
    }

    static func replaceHours(of venue: Venue, with input: HoursInput, by staff: Staff, on db: any Database, lang: Lang) async throws {
        try authorize(venue, staff)
        var check = FormCheck(lang)
        var rows: [OpeningHours] = []
        for day in 1...7 {
            let (o, c) = input.days[day] ?? ("", "")
            let opens = o.trimmingCharacters(in: .whitespaces), closes = c.trimmingCharacters(in: .whitespaces)
            if opens.isEmpty && closes.isEmpty { continue }
            guard !opens.isEmpty, !closes.isEmpty else {
                check.fail(opens.isEmpty ? "opens_\(day)" : "closes_\(day)", "请同时填写开门和闭馆时间，或都留空表示闭馆。",
                           "Give both opening and closing times, or leave both empty for a closed day.")
                continue
            }
            guard let start = DisplayTime.minutes(opens) else { check.fail("opens_\(day)", "时间格式应为 09:00。", "Use the format 09:00."); continue }
            guard let end = DisplayTime.minutes(closes) else { check.fail("closes_\(day)", "时间格式应为 17:30。", "Use the format 17:30."); continue }
            guard end > start else {
                check.fail("closes_\(day)", "闭馆时间必须晚于开门时间。", "Closing time must be after opening time.")
                continue
            }
            rows.append(OpeningHours(venueID: try venue.requireID(), weekday: day, opensAt: start, closesAt: end))
        }
        try check.throwIfInvalid()
        let venueID = try venue.requireID()
        let newRows = rows
        try await db.transaction { tx in
            try await OpeningHours.query(on: tx).filter(\.$venue.$id == venueID).delete()
            for row in newRows { try await row.create(on: tx) }
        }
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
