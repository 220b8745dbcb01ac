import Fluent
import Foundation
import Scheduling
import SQLKit
import Vapor

/// Public activity pages: list, month calendar, detail with registration, iCalendar feed.
enum ActivityController {
    @Sendable static func index(req: Request) async throws -> Response {
        let query = try req.query.decode(ActivitySearch.Query.self)
        var errors: FieldErrors = [:]
        var search = ActivitySearch()
        do { search = try ActivitySearch.parse(query, lang: req.lang) } catch AppError.invalid(let fields) { errors = fields }
        let townships = try await req.townships()
        let time = req.displayTime
        let page = try await search.page(PageRequest(page: search.page, per: search.per), townships: townships, time: time, on: req.db as! any SQLDatabase)
        let model = ActivityListView.Model(
            query: query, errors: errors,
            cards: page.rows.map { ActivityCard($0, townships: townships, time: time) },
            pagination: Pagination(page: search.page, per: search.per, total: page.total),
            townships: townships.options(req.lang, allLabel: req.lang.t("全部乡镇（街道）", "All townships")),
            feedURL: SiteURL.activities(.feed).with([("township", query.township), ("venue", query.venue)]))
        return Layout.response(ActivityListView.render(PageContext(req), model), status: errors.isEmpty ? .ok : .badRequest)
    }

    @Sendable static func calendar(req: Request) async throws -> Response {
        let time = req.displayTime
        let month = req.query[String.self, at: "month"] ?? String(time.today.prefix(7))
        let parts = month.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, let grid = MonthGrid(year: parts[0], month: parts[1]) else {
            throw AppError.badRequest(zh: "月份格式应为 2026-12。", en: "Use a month like 2026-12.")
        }
        let townships = try await req.townships()
        var search = ActivitySearch()
        search.townshipID = req.query[String.self, at: "township"].flatMap(UUID.init(uuidString:))
        search.villageID = req.query[String.self, at: "village"].flatMap(UUID.init(uuidString:))
        let village = try await search.villageID.asyncMap { try await Region.find($0, on: req.db) } ?? nil
        guard let start = time.instant(day: grid.day(1), minute: 0),
              let end = time.instant(day: String(format: "%04d-%02d-01", grid.next.year, grid.next.month), minute: 0) else { throw AppError.notFound }
        search.fromDay = grid.day(1)
        let activities = try await search.apply(to: Activity.query(on: req.db), townships: townships, time: time)
            .filter(\.$startsAt < end).filter(\.$startsAt >= start).limit(500).all()
        let byDay = Dictionary(grouping: activities) { DisplayTime.day($0.startsAt, in: time.timeZone) }
        let model = ActivityCalendarView.Model(
            grid: grid, today: time.today, township: req.query[String.self, at: "township"], village: village.map { ($0.id!.uuidString, $0.name) },
            townships: townships.options(req.lang, allLabel: req.lang.t("全部乡镇（街道）", "All townships")),
            days: byDay.mapValues { list in list.map { .init(id: $0.id!, title: $0.title, time: DisplayTime.clock(time.minuteOfDay($0.startsAt))) } })
        return Layout.response(ActivityCalendarView.render(PageContext(req), model))
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await render(req, places: "1", errors: [:], problem: nil)
    }

    @Sendable static func register(req: Request) async throws -> Response {
        guard let account = req.auth.get(Account.self) else {
            return req.redirect(to: SiteURL.login.with([("next", SiteURL.activities(.show(.id(try req.id()))).path)]))
        }
        struct Form: Content { var places: String? }
        let form = try req.content.decode(Form.self)
        var check = FormCheck(req.lang)
        let places = check.int("places", form.places, min: 1, max: 50)
        guard check.isValid, let places else { return try await render(req, places: form.places ?? "", errors: check.errors, problem: nil) }
        do {
            let registration = try await req.register(activityID: req.id(), .account(account), places: places)
            if registration.status == .confirmed {
                Flash.set(req, "报名成功！请在活动当天出示下面的签到码，也可以打印出来。",
                          "You're registered! Show this check-in code at the door, or print it.")
            } else {
                Flash.set(req, "名额已满，您已进入候补名单。有人取消时会按顺序自动转为报名成功，请留意“我的报名”。",
                          "The activity is full, so you are on the waiting list. If someone cancels you move up automatically; check My registrations.")
            }
            return req.redirect(to: SiteURL.registrations(.show(.id(registration.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, places: form.places ?? "", errors: errors, problem: nil)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await render(req, places: form.places ?? "", errors: [:], problem: error.message(req.lang))
        }
    }

    static func render(_ req: Request, places: String, errors: FieldErrors, problem: String?,
                       rating: (form: RatingController.Form, errors: FieldErrors, problem: String?)? = nil) async throws -> Response {
        guard let activity = try await Activity.find(req.id(), on: req.db), let venue = try await Venue.find(activity.$venue.id, on: req.db) else {
            throw AppError.notFound
        }
        let time = req.displayTime
        let account = req.auth.get(Account.self)
        var mine: Registration?
        if let account {
            mine = try await Registration.query(on: req.db).filter(\.$activity.$id == activity.id!).filter(\.$account.$id == account.id!)
                .filter(\.$status ~~ [.confirmed, .waitlisted]).first()
        }
        let space = try await activity.$space.get(on: req.db)
        let townships = try await req.townships()
        var ratings = try await RatingPanel.load(.activity(activity.id!), account: account, formAction: SiteURL.feedback(.activityRate(.id(activity.id!))).path,
                                                 allURL: SiteURL.feedback(.activityRatings(.id(activity.id!))).path,
                                                 signInURL: SiteURL.login.with([("next", SiteURL.activities(.show(.id(activity.id!))).path + "#ratings")]),
                                                 now: req.now, time: time, on: req.db)
        if let rating {
            ratings.scoreInput = rating.form.score ?? ""
            ratings.commentInput = rating.form.comment ?? ""
            ratings.errors = rating.errors
            ratings.problem = rating.problem
        }
        let order = try await ServiceOrder.query(on: req.db).filter(\.$activity.$id == activity.id!).filter(\.$status ~~ [.accepted, .delivered]).with(\.$village).first()
        var model = ActivityShowView.Model(
            id: activity.id!, title: activity.title, kind: activity.kind, details: activity.details, hasPhoto: activity.photoPath != nil && activity.status == .published,
            when: time.span(activity.startsAt, activity.endsAt), venueID: venue.id!, venueName: venue.name,
            place: [space?.name, activity.location.isEmpty ? nil : activity.location].compactMap { $0 }.joined(separator: " · "),
            township: townships.township(containing: activity.heldInPath)?.name,
            groups: activity.targetGroups, registration: activity.registration, mode: activity.mode, streamURL: activity.streamURL, status: activity.status,
            capacity: activity.capacity, remaining: activity.remainingPlaces, waiting: activity.waitingPlaces,
            cancelDeadline: activity.cancelDeadline.map(time.dateTime), hasStarted: activity.startsAt <= req.now,
            hasEnded: activity.hasEnded(at: req.now), headcount: activity.headcount,
            maxPlaces: min(activity.perAccountLimit, req.settings.maxPartySize),
            signedIn: account != nil, isStaff: account?.role.isStaff ?? false,
            mine: mine.map { .init(id: $0.id!, status: $0.status, places: $0.places) },
            placesInput: places, errors: errors, problem: problem, ratings: ratings)
        if let order, activity.hasEnded(at: req.now) {
            model.orderRatingURL = SiteURL.orders(.rating(.id(order.id!))).path
            model.orderingVillage = order.village.name
        }
        let failed = rating.map { $0.problem != nil ? HTTPResponseStatus.conflict : .unprocessableEntity }
        let status: HTTPResponseStatus = failed ?? (problem != nil ? .conflict : errors.isEmpty ? .ok : .unprocessableEntity)
        return Layout.response(ActivityShowView.render(PageContext(req, hasForm: true), model), status: status)
    }

    /// The activity's own photo or poster, public like the activity itself.
    @Sendable static func photo(req: Request) async throws -> Response {
        // The photo is public while the activity is; a cancelled one keeps its page, not its photo.
        guard let activity = try await Activity.find(req.id(), on: req.db), activity.status == .published, let name = activity.photoPath else {
            throw AppError.notFound
        }
        // A new upload gets a new file name, so the same name can be cached for a day.
        return try Uploads.response(for: name, settings: req.settings, cache: "public, max-age=86400")
    }

    /// An iCalendar feed of the coming activities of a venue, a township or the whole city.
    @Sendable static func feed(req: Request) async throws -> Response {
        var search = ActivitySearch()
        search.townshipID = req.query[String.self, at: "township"].flatMap(UUID.init(uuidString:))
        search.venueID = req.query[String.self, at: "venue"].flatMap(UUID.init(uuidString:))
        search.villageID = req.query[String.self, at: "village"].flatMap(UUID.init(uuidString:))
        let townships = try await req.townships()
        let time = req.displayTime
        search.fromDay = time.day(after: -30)
        let activities = try await search.apply(to: Activity.query(on: req.db), townships: townships, time: time)
            .with(\.$venue).limit(1000).all()
        let base = req.settings.baseURL
        let events = activities.map { a in
            ICalendar.Event(uid: "\(a.id!.uuidString.lowercased())@culturehub", start: a.startsAt, end: a.endsAt, summary: a.title,
                            description: a.details, location: [a.venue.name, a.location].filter { !$0.isEmpty }.joined(separator: " "),
                            url: base + SiteURL.activities(.show(.id(a.id!))).path, cancelled: a.status == .cancelled)
        }
        var name = req.lang.t("新密市文化活动", "Xinmi activities")
        if let id = search.townshipID, let township = townships.find(id) { name = township.name + req.lang.t("文化活动", " activities") }
        if let id = search.venueID, let venue = try await Venue.find(id, on: req.db) { name = venue.name + req.lang.t("活动", " activities") }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"activities.ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: ICalendar(name: name, events: events, stamp: req.now).render()))
    }
}
