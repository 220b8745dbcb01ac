import Fluent
import Foundation
import KPIMetrics
import Vapor

extension PlanController {
    static func render(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let year = year(req)
        let (units, byUnit) = try await PlanDesk.filings(for: staff, year: year, on: req.db)
        let title = ctx.t("效能提升办法", "Efficiency-improvement plans")
        let thisYear = Int(req.displayTime.today.prefix(4))!
        var body: [HNode] = [
            H.h1(title + " · \(year)"),
            H.p(ctx.t("每个乡镇（街道）和市直场馆每年制定效能提升办法：逐条写明措施、责任人、完成时限和针对的考核指标，并随时更新进度。",
                      "Each township and city venue files a yearly plan: measures with owners, deadlines and the indicators they target, with progress kept up to date."), cls: "lead"),
            H.el("p", [("class", "filters")], ((thisYear - 2)...(thisYear + 1)).reversed().map { H.a(String($0), href: SiteURL.evaluation(.plans).with([("year", String($0))]), cls: "button small", current: $0 == year) }
                + EvaluationTables.links(ctx, .plans, [("year", String(year))])),
        ]
        let chosen = req.query[UUID.self, at: "unit"]
        if units.count > 1 && chosen == nil {
            body.append(Tables.table(caption: ctx.t("各单位提交情况", "Who has filed"), headers: [ctx.t("单位", "Unit"), ctx.t("状态", "Status"), ctx.t("措施", "Measures"), ctx.t("平均进度", "Average progress")],
                                     rows: units.map { u in
                                         let plan = byUnit[u.id]
                                         let avg = plan.map { p in p.measures.isEmpty ? 0 : p.measures.reduce(0) { $0 + $1.progress } / p.measures.count }
                                         return [plan == nil ? H.text(u.name) : H.a(u.name, href: SiteURL.evaluation(.plans).with([("year", String(year)), ("unit", u.id.uuidString)])),
                                                 plan == nil ? H.badge(ctx.t("未提交", "Not filed"), tone: "warn") : H.badge(ctx.t("已提交", "Filed"), tone: "ok"),
                                                 H.text(String(plan?.measures.count ?? 0)), H.text(avg.map { "\($0)%" } ?? "—")]
                                     }))
        } else if let unit = units.first(where: { $0.id == (chosen ?? units.first?.id) }) {
            let editable = units.count == 1 && staff.role.may(.editRegistry)
            if let plan = byUnit[unit.id] {
                body += [H.h2(unit.name), H.p(plan.summary), measures(ctx, plan, editable: editable)]
                if editable { body.append(addMeasureForm(ctx, plan, unit: unit, form: form, errors: errors)) }
            } else if editable {
                body.append(H.section(labelledBy: "new-plan", title: ctx.t("制定 \(year) 年效能提升办法", "File the \(year) plan"), [
                    Forms.form(ctx, action: SiteURL.evaluation(.plans).path, fields: [
                        FormField(name: "summary", label: ctx.t("总体目标和思路", "Aims"), kind: .textarea, value: form["summary"] ?? "", error: errors["summary"],
                                  hint: ctx.t("例如：针对去年满意率和特殊群体活动两项未达标，今年……", "e.g. last year's two missed targets and how this year will close them"), required: true, maxLength: 1000),
                    ], submit: ctx.t("制定", "File"), extra: [H.void("input", [("type", "hidden"), ("name", "year"), ("value", String(year))])]),
                ]))
            } else {
                body.append(Tables.empty(ctx.t("\(unit.name)还没有提交 \(year) 年的效能提升办法。", "\(unit.name) has not filed a plan for \(year).")))
            }
        } else {
            body.append(Tables.empty(ctx.t("您的账号不对应参加考核的乡镇或市直场馆。", "Your account is not for a township or city venue that is evaluated.")))
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path), (title, nil)]), body)
        return Layout.response(html, status: status)
    }

    static func measures(_ ctx: PageContext, _ plan: ImprovementPlan, editable: Bool) -> HNode {
        guard !plan.measures.isEmpty else { return Tables.empty(ctx.t("还没有措施。", "No measures yet.")) }
        let rows: [[HNode]] = plan.measures.sorted { $0.deadline < $1.deadline }.map { m in
            let id = m.id!.uuidString.lowercased()
            let progress: HNode = editable ? H.el("form", [("method", "post"), ("action", SiteURL.evaluation(.measureProgress(.id(m.id!))).path), ("class", "inline")], [
                Forms.csrfField(ctx),
                H.void("input", [("type", "number"), ("min", "0"), ("max", "100"), ("name", "progress"), ("id", "p-" + id), ("value", String(m.progress)), ("aria-label", ctx.t("“\(m.measure)”的进度（%）", "Progress of \(m.measure) (%)")), ("size", "4")]),
                H.void("input", [("type", "text"), ("name", "note"), ("id", "n-" + id), ("value", m.progressNote), ("maxlength", "300"), ("aria-label", ctx.t("进展说明", "Progress note"))]),
                H.el("button", [("type", "submit"), ("class", "button small")], H.text(ctx.t("更新", "Update"))),
            ]) : H.text("\(m.progress)%" + (m.progressNote.isEmpty ? "" : "：" + m.progressNote))
            return [H.text(m.measure), H.text(m.owner), H.text(m.deadline), H.text(m.indicators.map { $0.label(ctx.lang) }.joined(separator: "、")), progress]
        }
        return Tables.table(caption: ctx.t("措施", "Measures"), headers: [ctx.t("措施", "Measure"), ctx.t("责任人", "Owner"), ctx.t("完成时限", "Deadline"), ctx.t("针对的指标", "Indicators"), ctx.t("进度", "Progress")], rows: rows)
    }

    static func addMeasureForm(_ ctx: PageContext, _ plan: ImprovementPlan, unit: EvaluationUnit, form: [String: String], errors: FieldErrors) -> HNode {
        let options = Indicator.allCases.filter { $0.applies(to: unit.kind) }.map { FormField.Option(value: $0.rawValue, label: $0.label(ctx.lang)) }
        return H.section(labelledBy: "add-measure", title: ctx.t("添加措施", "Add a measure"), [
            Forms.form(ctx, action: SiteURL.evaluation(.planMeasures(.id(plan.id!))).path, fields: [
                FormField(name: "measure", label: ctx.t("措施", "Measure"), value: form["measure"] ?? "", error: errors["measure"], hint: ctx.t("例如：周末延长开放至 20:00", "e.g. open until 20:00 at weekends"), required: true, maxLength: 300),
                FormField(name: "owner", label: ctx.t("责任人", "Owner"), value: form["owner"] ?? "", error: errors["owner"], required: true, maxLength: 60),
                FormField(name: "deadline", label: ctx.t("完成时限", "Deadline"), kind: .date, value: form["deadline"] ?? "", error: errors["deadline"], required: true),
                FormField(name: "indicators", label: ctx.t("针对的考核指标", "Indicators it targets"), kind: .checkboxes(options), values: (form["indicators"] ?? "").split(separator: ",").map(String.init), error: errors["indicators"], required: true),
            ], submit: ctx.t("添加措施", "Add")),
        ])
    }
}
