import Fluent
import Plot
import Vapor

/// A space's own bookable hours (R4.4): empty means "the venue's opening hours".
enum StaffSpaceHoursController {
    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.scopedVenue(staff)
        let space = try await space(req, venue)
        let rows = try await SpaceHours.query(on: req.db).filter(\.$space.$id == space.requireID()).all()
        let input = HoursInput(periods: rows.map { ($0.weekday, $0.opensAt, $0.closesAt) })
        return try await render(req, venue: venue, space: space, input: input, errors: [:])
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.venueForWrite()
        try VenueDetailsEditor.authorize(venue, staff)
        let space = try await space(req, venue)
        let input = HoursInput(form: try req.content.decode([String: String].self))
        let spaceID = try space.requireID()
        do {
            let rows = try VenueDetailsEditor.periods(input, lang: req.lang)
                .map { SpaceHours(spaceID: spaceID, weekday: $0.weekday, opensAt: $0.opens, closesAt: $0.closes) }
            try await req.db.writeTransaction { tx in
                try await SpaceHours.query(on: tx).filter(\.$space.$id == spaceID).delete()
                for row in rows { try await row.create(on: tx) }
            }
            Flash.set(req, rows.isEmpty ? "已保存：“\(space.name)”按场馆开放时间接受预约。" : "已保存“\(space.name)”的可预约时间，新的预约申请按这个时间检查。",
                      rows.isEmpty ? "Saved: \(space.name) takes bookings during the venue's opening hours." : "Saved the bookable hours of \(space.name); new requests are checked against them.")
            return req.redirect(to: SiteURL.venues(.staffSpaceHours(.id(venue.id!), .id(spaceID))).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, venue: venue, space: space, input: input, errors: errors)
        }
    }

    private static func space(_ req: Request, _ venue: Venue) async throws -> Space {
        guard let space = try await Space.query(on: req.db).filter(\.$id == req.id("space")).filter(\.$venue.$id == venue.requireID()).first() else {
            throw AppError.notFound
        }
        return space
    }

    private static func render(_ req: Request, venue: Venue, space: Space, input: HoursInput, errors: FieldErrors) async throws -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let venueHours = try await BookableWeek.load(spaceID: UUID(), venueID: venue.requireID(), on: req.db)
        let title = lang.t("可预约时间：\(space.name)", "Bookable hours: \(space.name)")
        let html = StaffPage.formPage(
            ctx, title: title,
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.venues(.staffIndex).path), (venue.name, SiteURL.venues(.staffShow(.id(venue.id!))).path),
                     (lang.t("活动场地", "Spaces"), SiteURL.venues(.staffSpaces(.id(venue.id!))).path), (space.name, nil)],
            intro: lang.t("团队和群众只能在这里设定的时间内申请预约。全部留空，表示与场馆开放时间相同（目前：\(venueHours.text(.zh))）。填写方法同开放时间：24 小时制，例如 14:00 和 21:00；某天不接受预约，四格都留空。",
                          "Teams and citizens can request only these hours. Leave everything empty to use the venue's opening hours (now: \(venueHours.text(.en))). Fill it in like opening hours: 24-hour times such as 14:00 and 21:00; leave a day's four boxes empty when it cannot be booked."),
            above: [StaffPage.venueTabs(ctx, venueID: venue.id!, current: "spaces")],
            form: Forms.form(ctx, action: SiteURL.venues(.staffSpaceHours(.id(venue.id!), .id(space.id!))).path,
                             fields: input.formFields(lang, errors: errors, opensLabel: ("开始", "from"), closesLabel: ("结束", "until")),
                             submit: lang.t("保存可预约时间", "Save bookable hours"), cls: "stack hours-grid"))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
