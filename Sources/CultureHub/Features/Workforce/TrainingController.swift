import Fluent
import Foundation
import Vapor
import Workforce

/// `/staff/training`: courses, who attended, and each person's yearly compliance with the
/// behind-schedule list (R7.2).
enum TrainingController {
    @Sendable static func index(req: Request) async throws -> Response {
        try await renderIndex(req, form: [:], errors: [:])
    }

    @Sendable static func create(req: Request) async throws -> Response {
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(CourseInput.self)
        do {
            let c = try await TrainingDesk.createCourse(input, by: req.staff(), now: req.now, lang: req.lang,
                                                        on: req.db)
            Flash.set(req, "已登记培训“\(c.title)”，请登记参训人员。", "“\(c.title)” recorded; add who attended.")
            return req.redirect(to: SiteURL.workforce(.course(.id(c.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderIndex(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func renderIndex(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        // Courses organised in one's area or above it (the bureau's courses reach every township).
        let page = try await TrainingCourse.query(on: req.db).sort(\.$startsOn, .descending).sort(\.$id).all()
            .filter { staff.scope.readsAlongLine(regionPath: $0.regionPath) }
        let pageNo = max(1, req.query[Int.self, at: "page"] ?? 1)
        let shown = Array(page.dropFirst((pageNo - 1) * 20).prefix(20))
        let title = ctx.t("业务培训", "Training")
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("文化工作人员", "Culture staff"), SiteURL.workforce(.people).path), (title, nil)]), [
            H.h1(title),
            H.el("p", [], H.a(ctx.t("年度培训达标情况", "Yearly compliance"), href: SiteURL.workforce(.trainingCompliance).path, cls: "button primary")),
            shown.isEmpty ? Tables.empty(ctx.t("还没有登记培训。", "No courses yet."))
                : Tables.table(caption: ctx.t("培训", "Courses"), headers: [ctx.t("培训", "Course"), ctx.t("主办", "Provider"), ctx.t("类型", "Kind"), ctx.t("级别", "Level"), ctx.t("时间", "Dates"), ctx.t("天数", "Days")],
                               rows: shown.map { c in [H.a(c.title, href: SiteURL.workforce(.course(.id(c.id!))).path), H.text(c.provider), H.text(c.kind.label(ctx.lang)), H.text(c.level.label(ctx.lang)),
                                                       H.text("\(c.startsOn) – \(c.endsOn)"), H.text(VolunteerRecord.hours(c.dayHalves * 30))] }),
            Pagination(page: pageNo, per: 20, total: page.count).render(ctx) { SiteURL.workforce(.training).with([("page", String($0))]) },
            staff.may(.editRegistry) && staff.scope.ownRegionPath != nil ? H.section(labelledBy: "new", title: ctx.t("登记培训", "Record a course"), [
                Forms.form(ctx, action: SiteURL.workforce(.training).path, fields: [
                    FormField(name: "title", label: ctx.t("培训名称", "Course"), value: form["title"] ?? "", error: errors["title"], hint: ctx.t("例如：2026 年基层文化骨干培训班", "e.g. grassroots culture staff course"), required: true, maxLength: 60),
                    FormField(name: "provider", label: ctx.t("主办单位", "Provider"), value: form["provider"] ?? "", error: errors["provider"], required: true, maxLength: 60),
                    FormField(name: "kind", label: ctx.t("类型", "Kind"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + TrainingKind.options(ctx.lang)), value: form["kind"] ?? "", error: errors["kind"], required: true),
                    FormField(name: "level", label: ctx.t("级别", "Level"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + TrainingLevel.options(ctx.lang)), value: form["level"] ?? "", error: errors["level"], required: true),
                    FormField(name: "startsOn", label: ctx.t("开始日期", "Starts"), kind: .date, value: form["startsOn"] ?? "", error: errors["startsOn"], required: true),
                    FormField(name: "endsOn", label: ctx.t("结束日期", "Ends"), kind: .date, value: form["endsOn"] ?? "", error: errors["endsOn"], required: true),
                    FormField(name: "days", label: ctx.t("培训天数", "Days"), value: form["days"] ?? "", error: errors["days"], hint: ctx.t("按半天计，不超过开始到结束的天数", "In halves, no more than the days from start to end"), required: true, maxLength: 5, inputmode: "decimal"),
                ], submit: ctx.t("登记培训", "Record")),
            ]) : H.empty,
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        try await renderCourse(req, form: [:], errors: [:])
    }

    @Sendable static func attend(req: Request) async throws -> Response {
        let staff = try req.staff()
        let course = try await req.regionRecord(TrainingCourse.self, usedBy: .editRegistry)
        // The raw form is kept only to show the user's input again beside the errors.
        let form = try req.content.decode([String: String].self)
        let input = try req.content.decode(AttendanceInput.self)
        do {
            let a = try await TrainingDesk.attend(course, input, by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已登记参训，认定 \(a.days) 天。", "Attendance recorded: \(a.days) days.")
            return req.redirect(to: SiteURL.workforce(.course(.id(course.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderCourse(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func renderCourse(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let c = try await req.regionRecord(TrainingCourse.self, alongLine: true)
        let ctx = PageContext(req, hasForm: true)
        let attendance = try await TrainingAttendance.query(on: req.db).filter(\.$course.$id == c.requireID()).with(\.$member) { $0.with(\.$venue) }.all()
            .filter { staff.scope.contains($0.member) }
        let members = try await staff.scope.filter(StaffMember.query(on: req.db)).filter(\.$startsOn <= c.endsOn)
            .group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn >= c.startsOn) }.with(\.$venue).sort(\.$name).limit(1_000).all()
            .filter { m in !attendance.contains { $0.$member.id == m.id } }
        let memberOptions: [FormField.Option] = [FormField.Option(value: "", label: ctx.t("请选择", "Choose"))]
            + members.map { m -> FormField.Option in FormField.Option(value: m.id!.uuidString, label: m.name + " · " + m.venue.name) }
        let html = Layout.page(ctx, title: c.title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("业务培训", "Training"), SiteURL.workforce(.training).path), (c.title, nil)]), [
            H.h1(c.title),
            H.facts([(ctx.t("主办", "Provider"), H.text(c.provider)), (ctx.t("类型", "Kind"), H.text(c.kind.label(ctx.lang))), (ctx.t("级别", "Level"), H.text(c.level.label(ctx.lang))),
                     (ctx.t("时间", "Dates"), H.text("\(c.startsOn) – \(c.endsOn)")), (ctx.t("天数", "Days"), H.text(String(c.days)))]),
            H.section(labelledBy: "attended", title: ctx.t("参训人员（\(attendance.count) 人）", "Attended (\(attendance.count))"), [
                attendance.isEmpty ? Tables.empty(ctx.t("还没有登记参训人员。", "Nobody recorded yet."))
                    : Tables.table(caption: ctx.t("参训人员", "Attended"), headers: [ctx.t("姓名", "Name"), ctx.t("单位", "Unit"), ctx.t("认定天数", "Days credited"), ctx.t("证书", "Certificate")],
                                   rows: attendance.map { [H.text($0.member.name), H.text($0.member.venue.name), H.text(String($0.days)), H.text($0.certificateNote.isEmpty ? "—" : $0.certificateNote)] }),
                ctx.canEdit && (!members.isEmpty || !errors.isEmpty) ? Forms.form(ctx, action: SiteURL.workforce(.courseAttendance(.id(c.id!))).path, fields: [
                    FormField(name: "member", label: ctx.t("人员", "Person"), kind: .select(memberOptions),
                              value: form["member"] ?? "", error: errors["member"], required: true),
                    FormField(name: "days", label: ctx.t("认定天数", "Days credited"), value: form["days"] ?? String(c.days), error: errors["days"], hint: ctx.t("不超过课程的 \(c.days) 天", "At most \(c.days)"), maxLength: 5, inputmode: "decimal"),
                    FormField(name: "certificateNote", label: ctx.t("证书（选填）", "Certificate (optional)"), value: form["certificateNote"] ?? "", error: errors["certificateNote"], hint: ctx.t("例如：结业证书编号", "e.g. certificate number"), maxLength: 100),
                ], submit: ctx.t("登记参训", "Record attendance")) : H.empty,
            ]),
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func compliance(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: false)
        let time = req.displayTime
        let thisYear = Int(time.today.prefix(4))!
        let year = min(max(req.query[Int.self, at: "year"] ?? thisYear, 2000), thisYear)
        let all = req.query[String.self, at: "all"] == "1"
        let rule = req.settings.trainingRule
        let report = try await TrainingReport.load(staff.scope, year: year, today: time.today, rule: rule, on: req.db)
        let people = all ? report.people : report.behind
        let pageNo = max(1, req.query[Int.self, at: "page"] ?? 1)
        let shown = Array(people.dropFirst((pageNo - 1) * 30).prefix(30))
        let days: (Double?) -> String = { String(format: "%g", $0 ?? 0) }
        struct UnitRow { let unit: String; let people: Int; let behind: Int; let met: Int }
        let grouped: [String: [TrainingReport.Person]] = Dictionary(grouping: report.people, by: { $0.unit })
        var units: [UnitRow] = grouped.map { unit, people in
            UnitRow(unit: unit, people: people.count, behind: people.filter { $0.result.isBehind }.count, met: people.filter { $0.result.isCompliant }.count)
        }
        units.sort { a, b in a.behind != b.behind ? a.behind > b.behind : a.unit < b.unit }
        let unitRows: [[HNode]] = units.map { u -> [HNode] in [H.text(u.unit), H.text(String(u.people)), H.text(String(u.behind)), H.text(String(u.met))] }
        let title = ctx.t("年度培训达标情况", "Yearly training compliance")
        let city = String(format: "%g", rule.cityOffJobDays), grassroots = String(format: "%g", rule.grassrootsCentralisedDays)
        let lead = ctx.t("市直场馆人员每年脱产培训不少于 \(city) 天，乡镇和村人员集中培训不少于 \(grassroots) 天；年中上岗或换单位的按在岗天数折算。“进度落后”按全年要求和已过天数折算到今天。",
                         "City venue staff need \(city) off-job days a year, township and village staff \(grassroots) centralised days, pro rata for part of the year; behind means below the share due by today.")
        var yearLinks: [HNode] = (max(2000, thisYear - 3)...thisYear).reversed().map { y -> HNode in
            H.a(String(y), href: SiteURL.workforce(.trainingCompliance).with([("year", String(y)), ("all", all ? "1" : nil)]), cls: "button small", current: y == year)
        }
        yearLinks.append(H.a(all ? ctx.t("只看落后的", "Behind only") : ctx.t("查看全部人员", "Everyone"), href: SiteURL.workforce(.trainingCompliance).with([("year", String(year)), ("all", all ? nil : "1")]), cls: "button small"))
        let peopleTitle = all ? ctx.t("全部人员（\(report.people.count) 人）", "Everyone (\(report.people.count))") : ctx.t("进度落后的人员（\(report.behind.count) 人）", "Behind schedule (\(report.behind.count))")
        let rows: [[HNode]] = shown.map { p -> [HNode] in
            let r = p.result
            let status: HNode = r.isCompliant ? H.text(ctx.t("已达标", "Met")) : r.isBehind ? H.span(ctx.t("进度落后", "Behind"), cls: "status-overdue") : H.text(ctx.t("按进度", "On track"))
            let pair: ([TrainingKind: Double]) -> HNode = { d in H.text(days(d[.offJob]) + " / " + days(d[.centralised])) }
            return [H.text(p.name), H.text(p.unit), pair(r.required), pair(r.credited), pair(r.expectedByNow), status]
        }
        let headers: [String] = [ctx.t("姓名", "Name"), ctx.t("单位", "Unit"), ctx.t("全年应训（脱产/集中）", "Required (off-job/centralised)"),
                                 ctx.t("已训", "Done"), ctx.t("到今天应完成", "Due by today"), ctx.t("状态", "Status")]
        let pager: HNode = Pagination(page: pageNo, per: 30, total: people.count).render(ctx) { SiteURL.workforce(.trainingCompliance).with([("year", String(year)), ("all", all ? "1" : nil), ("page", String($0))]) }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("业务培训", "Training"), SiteURL.workforce(.training).path), (title, nil)]), [
            H.h1(title + " · \(year)"),
            H.p(lead, cls: "lead"),
            H.el("p", [("class", "filters")], yearLinks),
            H.section(labelledBy: "people", title: peopleTitle, [
                shown.isEmpty ? Tables.empty(all ? ctx.t("没有在岗人员。", "Nobody in post.") : ctx.t("没有进度落后的人员。", "Nobody is behind."))
                    : Tables.table(caption: ctx.t("培训进度", "Training progress"), headers: headers, rows: rows),
                pager,
            ]),
            H.section(labelledBy: "units", title: ctx.t("按单位", "By unit"), [
                units.isEmpty ? Tables.empty(ctx.t("没有在岗人员。", "Nobody in post."))
                    : Tables.table(caption: ctx.t("按单位", "By unit"), headers: [ctx.t("单位", "Unit"), ctx.t("人数", "People"), ctx.t("进度落后", "Behind"), ctx.t("已达标", "Met")],
                                   rows: unitRows),
            ]),
        ])
        return Layout.response(html)
    }
}
