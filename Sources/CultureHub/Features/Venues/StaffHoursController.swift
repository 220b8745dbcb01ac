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
            return req.redirect(to: SiteURL.venues(.staffHours(.id(venue.id!))).path)
        } catch AppError.invalid(let errors) {
            return render(req, venue: venue, input: input, errors: errors)
        }
    }

    /// The weekly minimum of the Zhengzhou standard for public venues (R1.5).
    static let standardHoursPerWeek = 42

    static func render(_ req: Request, venue: Venue, input: HoursInput, errors: FieldErrors) -> Response {
        let lang = req.lang
        let ctx = PageContext(req, hasForm: true)
        let periods = input.days.values.joined().compactMap { period -> (opens: Int, closes: Int)? in
            guard let o = DisplayTime.minutes(period.opens), let c = DisplayTime.minutes(period.closes) else { return nil }
            return (o, c)
        }
        let weekly = Double(OpeningTime.weeklyMinutes(periods)) / 60
        let meets = OpeningTime.meetsMinimum(periods, hoursPerWeek: standardHoursPerWeek)
        let summary = errors.isEmpty ? H.el("p", [("class", meets ? "ok-state" : "warning")], H.text(meets
            ? lang.t("目前每周开放 \(String(format: "%.1f", weekly)) 小时，达到每周 \(standardHoursPerWeek) 小时的标准。",
                     "Open \(String(format: "%.1f", weekly)) hours a week, meeting the \(standardHoursPerWeek)-hour standard.")
            : lang.t("目前每周开放 \(String(format: "%.1f", weekly)) 小时，低于每周 \(standardHoursPerWeek) 小时的标准，考核时会计为不达标。",
                     "Open \(String(format: "%.1f", weekly)) hours a week, below the \(standardHoursPerWeek)-hour standard; evaluation will count this as a shortfall."))) : H.empty
        let fields = input.formFields(lang, errors: errors)
        let title = lang.t("开放时间：\(venue.name)", "Opening hours: \(venue.name)")
        let html = StaffPage.formPage(
            ctx, title: title,
            crumbs: [(lang.t("场馆管理", "Venues"), SiteURL.venues(.staffIndex).path), (venue.name, SiteURL.venues(.staffShow(.id(venue.id!))).path), (lang.t("开放时间", "Hours"), nil)],
            intro: lang.t("按24小时制填写，例如 09:00 和 17:30。有午休的，前两格填上午，后两格填午休后的时间；没有午休，后两格留空；某天闭馆，四格都留空。",
                          "Use 24-hour times such as 09:00 and 17:30. With a lunch break, put the morning in the first two boxes and the afternoon in the last two; without one, leave the last two empty; on a closed day, leave all four empty."),
            above: [StaffPage.venueTabs(ctx, venueID: venue.id!, current: "hours"), summary],
            form: Forms.form(ctx, action: SiteURL.venues(.staffHours(.id(venue.id!))).path, fields: fields, submit: lang.t("保存开放时间", "Save hours"), cls: "stack hours-grid"))
        return Layout.response(html, status: errors.isEmpty ? .ok : .unprocessableEntity)
    }
}

extension HoursInput {
    /// Four boxes a day: a morning and, after a lunch break, an afternoon.
    func formFields(_ lang: Lang, errors: FieldErrors, opensLabel: (zh: String, en: String) = ("开门", "opens"),
                    closesLabel: (zh: String, en: String) = ("闭馆", "closes")) -> [FormField] {
        Weekday.allCases.flatMap { day -> [FormField] in
            let d = day.rawValue
            func field(_ kind: String, _ index: Int, _ zh: String, _ en: String) -> FormField {
                let name = HoursInput.field(kind, day: d, index: index)
                let period = self.period(d, index)
                return FormField(name: name, label: lang.t("\(day.zh) \(zh)", "\(day.en) \(en)"),
                                 value: (kind == "opens" ? period?.opens : period?.closes) ?? "",
                                 error: errors[name], maxLength: 5, inputmode: "numeric")
            }
            return [field("opens", 0, opensLabel.zh, opensLabel.en), field("closes", 0, closesLabel.zh, closesLabel.en),
                    field("opens", 1, "午休后" + opensLabel.zh, "re" + opensLabel.en), field("closes", 1, "午休后" + closesLabel.zh, closesLabel.en + " again")]
        }
    }
}
