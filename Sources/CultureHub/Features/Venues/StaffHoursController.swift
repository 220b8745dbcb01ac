import Fluent
import KPIMetrics
import Plot
import Vapor

enum StaffHoursController {
    @Sendable static func edit(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.scopedVenue(staff)
        let rows = try await OpeningHours.query(on: req.db).filter(\.$venue.$id == venue.requireID()).all()
        return render(req, venue: venue, input: HoursInput(rows), errors: [:])
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.venueForWrite()
        let form = try req.content.decode([String: String].self)
        let input = HoursInput(form: form)
        do {
            try await VenueDetailsEditor.replaceHours(of: venue, with: input, by: staff, on: req.db, lang: req.lang)
            Flash.set(req, "已保存“\(venue.name)”的开放时间，公开页面和“现在开放”筛选立即生效。",
                      "Saved the opening hours of \(venue.name); the public page and the “open now” filter use them at once.")
            return req.redirect(to: SiteURL.staffVenueHours(.id(venue.id!)).path)
        } catch AppError.invalid(let errors) {
            return render(req, venue: venue, input: input, errors: errors)
        }
    }

    /// The weekly minimum of the Zhengzhou standard for public venues (R1.5).
    static let standardHoursPerWeek = 42

    static func render(_ req: Request, venue: Venue, input: HoursInput, errors: FieldErrors) -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let periods = input.days.values.compactMap { day -> (opens: Int, closes: Int)? in
            guard let o = DisplayTime.minutes(day.opens), let c = DisplayTime.minutes(day.closes) else { return nil }
            return (o, c)
        }
        let weekly = Double(OpeningTime.weeklyMinutes(periods)) / 60
        let meets = OpeningTime.meetsMinimum(periods, hoursPerWeek: standardHoursPerWeek)
        let summary = errors.isEmpty ? H.el("p", [("class", meets ? "ok-state" : "warning")], H.text(meets
            ? lang.t("目前每周开放 \(String(format: "%.1f", weekly)) 小时，达到每周 \(standardHoursPerWeek) 小时的标准。",
                     "Open \(String(format: "%.1f", weekly)) hours a week, meeting the \(standardHoursPerWeek)-hour standard.")
            : lang.t("目前每周开放 \(String(format: "%.1f", weekly)) 小时，低于每周 \(standardHoursPerWeek) 小时的标准，考核时会计为不达标。",
                     "Open \(String(format: "%.1f", weekly)) hours a week, below the \(standardHoursPerWeek)-hour standard; evaluation will count this as a shortfall."))) : H.empty
        let fields = Weekday.allCases.flatMap { day -> [FormField] in
            let d = day.rawValue
            return [
                FormField(name: "opens_\(d)", label: lang.t("\(day.zh) 开门", "\(day.en) opens"), value: input.days[d]?.opens ?? "",
                          error: errors["opens_\(d)"], maxLength: 5, inputmode: "numeric"),
                FormField(name: "closes_\(d)", label: lang.t("\(day.zh) 闭馆", "\(day.en) closes"), value: input.days[d]?.closes ?? "",
                          error: errors["closes_\(d)"], maxLength: 5, inputmode: "numeric"),
            ]
        }
        let title = lang.t("开放时间：\(venue.name)", "Opening hours: \(venue.name)")
        let html = StaffPage.formPage(
            ctx, title: title,
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.staffVenues.path), (venue.name, SiteURL.staffVenue(.id(venue.id!)).path), (lang.t("开放时间", "Hours"), nil)],
            intro: lang.t("按24小时制填写，例如 09:00 和 17:30；某天闭馆请两格都留空。",
                          "Use 24-hour times such as 09:00 and 17:30; leave both empty on a closed day."),
            above: [StaffPage.venueTabs(ctx, venueID: venue.id!, current: "hours"), summary],
            form: Forms.form(ctx, action: SiteURL.staffVenueHours(.id(venue.id!)).path, fields: fields, submit: lang.t("保存开放时间", "Save hours"), cls: "stack hours-grid"))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}
