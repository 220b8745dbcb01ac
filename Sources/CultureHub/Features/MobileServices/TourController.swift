import Fluent
import Foundation
import Scheduling
import TourPlanning
import Vapor

/// The tour planner (巡回路线): a programme and a set of villages → an order of visits from the
/// venue that keeps travel short, at most K a day, round the villages' busy days; staff adjust
/// dates and times, then accept to create the mobile activities (R4.3).
enum TourController {
    /// What the planner is asked, read the same way for the plan and for accepting it.
    struct Request {
        let item: ServiceItem
        let venue: Venue
        let villages: [Region]
        let startDay: String
        let perDay: Int
        let firstStart: Int
        let minutes: Int
        let audience: Int
        let skipWeekends: Bool
        /// The procured programme these shows belong to, if any.
        let programme: Programme?

        /// The proposed start of the n-th visit of a day: each visit plus an hour on the road, none after 22:00.
        func startTime(slot: Int) -> String { DisplayTime.clock(min(firstStart + slot * (minutes + 60), 22 * 60)) }
    }

    @Sendable static func new(req: Vapor.Request) async throws -> Response {
        let ids = (try? req.query.get([String].self, at: "villages")) ?? []
        var form: [String: String] = ["start": req.displayTime.day(after: 7), "perDay": "2", "firstStart": "09:00", "minutes": "120", "audience": "100"]
        form["villages"] = ids.joined(separator: ",")
        return try await TourView.step1(req, form: form, errors: [:])
    }

    @Sendable static func plan(req: Vapor.Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let input: Request
        do { input = try await read(req, form) } catch AppError.invalid(let errors) {
            return try await TourView.step1(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        let draft = try await TourDraft.make(input, on: req.db)
        return try await TourView.step2(req, input, draft, form: form, errors: [:])
    }

    @Sendable static func accept(req: Vapor.Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.editRegistry)
        let form = try req.content.decode([String: String].self)
        let input: Request
        do { input = try await read(req, form) } catch AppError.invalid(let errors) {
            return try await TourView.step1(req, form: form, errors: errors, status: .unprocessableEntity)
        }
        let time = req.displayTime
        let busy = try await TourDraft.busyDays(input.villages, on: req.db)
        var errors: FieldErrors = [:]
        var visits: [(Region, Date, Date)] = []
        for village in input.villages where form["include-\(village.id!)"] == "1" {
            let key = village.id!.uuidString
            let day = form["date-\(key)"] ?? ""
            guard let minute = DisplayTime.minutes(form["starts-\(key)"] ?? ""), let start = time.instant(day: day, minute: minute), day.count == 10 else {
                errors["date-\(key)"] = req.lang.t("\(village.name)：请填写有效的日期和开始时间。", "\(village.name): enter a valid date and start time.")
                continue
            }
            if start <= req.now {
                errors["date-\(key)"] = req.lang.t("\(village.name)：时间要在将来。", "\(village.name): the time must be in the future.")
            } else if let reason = busy[village.id!]?[day] {
                errors["date-\(key)"] = req.lang.t("\(village.name) 在 \(day) 不方便（\(reason)），请换一天。", "\(village.name) cannot host on \(day) (\(reason)); choose another day.")
            }
            visits.append((village, start, start.addingTimeInterval(Double(input.minutes) * 60)))
        }
        if visits.isEmpty && errors.isEmpty { errors["include"] = req.lang.t("请至少保留一个村。", "Keep at least one village.") }
        guard errors.isEmpty else {
            let draft = try await TourDraft.make(input, on: req.db)
            return try await TourView.step2(req, input, draft, form: form, errors: errors, status: .unprocessableEntity)
        }
        let centres = try await TourDraft.centres(input.villages, on: req.db)
        let planned = visits
        do {
            try await req.db.writeTransaction { tx in
                if let programme = input.programme { try await ProgrammeDesk.take(planned.count, of: programme, lang: req.lang, on: tx) }
                try await publish(planned, input, centres: centres, by: staff, lang: req.lang, on: tx)
            }
        } catch AppError.invalid(let errors) {
            let draft = try await TourDraft.make(input, on: req.db)
            return try await TourView.step2(req, input, draft, form: form, errors: errors, status: .unprocessableEntity)
        }
        Flash.set(req, "已安排 \(planned.count) 场流动服务，已发布到各村的活动日历。", "\(planned.count) mobile visits scheduled and published on the villages' calendars.")
        return req.redirect(to: SiteURL.activities(.staffIndex).path)
    }

    static func publish(_ planned: [(Region, Date, Date)], _ input: Request, centres: [UUID: Venue], by staff: Staff, lang: Lang, on tx: any Database) async throws {
            for (village, start, end) in planned {
                let a = Activity()
                a.$venue.id = try input.venue.requireID()
                a.regionPath = input.venue.regionPath
                a.$serviceItem.id = input.item.id
                a.$village.id = village.id
                a.heldInPath = village.path
                a.location = centres[village.id!].map { "\($0.name)（\($0.address)）" } ?? village.name + lang.t("综合文化服务中心", " culture centre")
                a.kind = input.item.kind
                a.title = input.item.title
                a.details = input.item.content + (input.programme.map { lang.t("（\($0.title)，承演：\($0.provider)）", " (\($0.title), performed by \($0.provider))") } ?? "")
                a.$programme.id = input.programme?.id
                a.targetGroupCodes = input.item.targetGroupCodes
                a.startsAt = start
                a.endsAt = end
                a.registration = .open
                a.capacity = input.audience
                a.confirmedPlaces = 0
                a.waitingPlaces = 0
                a.perAccountLimit = 1
                a.status = .published
                a.createdBy = staff.account.id
                try await a.create(on: tx)
            }
    }

    /// Checks the planner's fields; every problem named at once, in the user's language.
    static func read(_ req: Vapor.Request, _ form: [String: String]) async throws -> Request {
        let staff = try req.staff()
        var check = FormCheck(req.lang)
        let itemID = check.uuid("item", form["item"])
        let start = check.date("start", form["start"])
        let perDay = check.int("perDay", form["perDay"], min: 1, max: 6)
        let minutes = check.int("minutes", form["minutes"], min: 30, max: 600)
        let audience = check.int("audience", form["audience"], min: 1, max: 100_000)
        let firstStart = DisplayTime.minutes(form["firstStart"] ?? "")
        if firstStart == nil { check.fail("firstStart", "请按 09:00 的格式填写。", "Enter a time like 09:00.") }
        if let start, start <= req.displayTime.today { check.fail("start", "从明天或以后开始。", "Start tomorrow or later.") }
        let ids = (form["villages"] ?? "").split(separator: ",").compactMap { UUID(uuidString: String($0)) }
        if ids.isEmpty { check.fail("villages", "请先在流动服务覆盖页面选择要去的村。", "Choose the villages on the coverage page first.") }
        if ids.count > 60 { check.fail("villages", "一次最多规划 60 个村。", "Plan at most 60 villages at a time.") }
        try check.throwIfInvalid()
        guard let item = try await ServiceItem.query(on: req.db).filter(\.$id == itemID!).with(\.$venue).first(), item.active else {
            throw AppError.invalid(["item": req.lang.t("没有这个服务项目。", "No such menu item.")])
        }
        guard staff.scope.contains(item.venue) else {
            throw AppError.invalid(["item": req.lang.t("只能用您管辖范围内场馆的服务项目规划。", "Choose an item of a venue in your scope.")])
        }
        let villages = try await Region.query(on: req.db).filter(\.$id ~~ ids).filter(\.$level == .village).sort(\.$code).all()
        guard villages.count == Set(ids).count, villages.allSatisfy({ RegionPath.isWithin($0.path, item.venue.regionPath) }) else {
            throw AppError.invalid(["villages": req.lang.t("所选的村（社区）有误，请重新选择。", "Some villages are not valid; choose again.")]) }
        var programme: Programme?
        if let raw = form["programme"], !raw.isEmpty {
            programme = try await UUID(uuidString: raw).asyncMap { try await staff.scope.filter(Programme.query(on: req.db)).filter(\.$id == $0).first() } ?? nil
            guard programme != nil else { throw AppError.invalid(["programme": req.lang.t("请选择您管辖范围内的采购项目。", "Choose a programme in your scope.")]) }
        }
        return Request(item: item, venue: item.venue, villages: villages, startDay: start!, perDay: perDay!, firstStart: firstStart!, minutes: minutes!,
                       audience: audience!, skipWeekends: FormCheck.flag(form["skipWeekends"]), programme: programme)
    }
}

/// A proposed tour: the planner's order and days, with the distances it saves.
struct TourDraft {
    let plan: TourPlan?
    /// Villages whose centre has no coordinates: they cannot be placed on the route.
    let noLocation: [Region]
    /// The venue itself has no coordinates.
    let venueHasNoLocation: Bool
    let inputDistance: Double
    /// The planner's order as one chain from the venue: never longer than `inputDistance`.
    let proposedDistance: Double
    let villagesByID: [String: Region]
    let busy: [UUID: [String: String]]

    static func make(_ r: TourController.Request, on db: any Database) async throws -> TourDraft {
        let centres = try await centres(r.villages, on: db)
        let busy = try await busyDays(r.villages, on: db)
        let byID = Dictionary(uniqueKeysWithValues: r.villages.map { ($0.id!.uuidString, $0) })
        guard let lat = r.venue.latitude, let lng = r.venue.longitude else {
            return TourDraft(plan: nil, noLocation: [], venueHasNoLocation: true, inputDistance: 0, proposedDistance: 0, villagesByID: byID, busy: busy)
        }
        let origin = Coordinate(latitude: lat, longitude: lng)
        var stops: [TourStop] = []
        var noLocation: [Region] = []
        for village in r.villages {
            guard let centre = centres[village.id!], let la = centre.latitude, let lo = centre.longitude else { noLocation.append(village); continue }
            stops.append(TourStop(id: village.id!.uuidString, location: Coordinate(latitude: la, longitude: lo), unavailable: Set(busy[village.id!]?.keys.map { $0 } ?? [])))
        }
        let skip = r.skipWeekends ? LocalDay.weekends(from: r.startDay, count: 120) : []
        let plan = TourPlanner.plan(from: origin, stops, startDay: r.startDay, maxPerDay: r.perDay, skipDays: skip)
        return TourDraft(plan: plan, noLocation: noLocation, venueHasNoLocation: false, inputDistance: TourPlanner.pathLength(from: origin, stops),
                         proposedDistance: TourPlanner.pathLength(from: origin, plan.order), villagesByID: byID, busy: busy)
    }

    static func centres(_ villages: [Region], on db: any Database) async throws -> [UUID: Venue] {
        let venues = try await Venue.query(on: db).filter(\.$region.$id ~~ villages.compactMap(\.id)).filter(\.$type == .villageCentre).all()
        return Dictionary(venues.map { ($0.$region.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// Village → day → reason.
    static func busyDays(_ villages: [Region], on db: any Database) async throws -> [UUID: [String: String]] {
        let rows = try await VillageBusyDay.query(on: db).filter(\.$village.$id ~~ villages.compactMap(\.id)).all()
        var out: [UUID: [String: String]] = [:]
        for row in rows { out[row.$village.id, default: [:]][row.day] = row.reason }
        return out
    }
}
