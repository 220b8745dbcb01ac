import Fluent
import Foundation
import KPIMetrics
import Vapor

/// `/staff/evaluation/schemes/:type`: the current scheme for a period type, edited as a new
/// version (R8.1). Earlier versions stay, because published runs name the one they used.
enum SchemeController {
    @Sendable static func show(req: Request) async throws -> Response {
        let type = try periodType(req)
        let record = try await EvaluationDesk.currentScheme(type, now: req.now, on: req.db)
        return try await render(req, type: type, current: record, form: formValues(try record.scheme), errors: [:])
    }

    @Sendable static func save(req: Request) async throws -> Response {
        let type = try periodType(req)
        let form = try req.content.decode([String: String].self)
        do {
            let record = try await EvaluationDesk.saveScheme(form, type: type, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已保存为\(type.zh)方案第 \(record.version) 版。之后计算的考核都按这一版；已发布的结果不受影响。",
                      "Saved as version \(record.version). Runs computed from now on use it; published results are unaffected.")
            return req.redirect(to: SiteURL.evaluation(.schemes(type.rawValue)).path)
        } catch AppError.invalid(let errors) {
            let current = try await EvaluationDesk.currentScheme(type, now: req.now, on: req.db)
            return try await render(req, type: type, current: current, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    static func periodType(_ req: Request) throws -> PeriodType {
        let staff = try req.staff()
        try staff.require(.evaluate)
        guard let type = PeriodType(rawValue: req.parameters.get("type") ?? "") else { throw AppError.notFound }
        return type
    }

    static func formValues(_ scheme: Scheme) -> [String: String] {
        var form = ["total": String(scheme.total)]
        for item in scheme.items {
            form["w_" + item.indicator.rawValue] = Scoring.text(item.weight)
            form["t_" + item.indicator.rawValue] = item.indicator.kind == .rate ? Scoring.text(item.target * 100) : Scoring.text(item.target)
        }
        for d in scheme.deductions {
            form["d_" + d.kind.rawValue] = Scoring.text(d.pointsEach)
            form["dcap_" + d.kind.rawValue] = Scoring.text(d.cap)
        }
        if scheme.countsAnonymousSurveys { form["anonymous"] = "1" }
        return form
    }

    static func render(_ req: Request, type: PeriodType, current: EvaluationSchemeRecord, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t("\(type.zh)考核方案", "\(type.en) scheme")
        let versions = try await EvaluationSchemeRecord.query(on: req.db).filter(\.$periodType == type).sort(\.$version, .descending).limit(20).all()
        let input: (String, String, String) -> HNode = { name, label, unit in
            H.el("span", [("class", "inline-field")], [
                H.void("input", [("type", "text"), ("inputmode", "decimal"), ("id", "f-" + name), ("name", name), ("value", form[name] ?? ""), ("size", "6"), ("aria-label", label),
                                 ("aria-invalid", errors[name] == nil ? nil : "true"), ("aria-describedby", errors[name] == nil ? nil : "e-" + name)]),
                H.span(unit),
                errors[name].map { H.el("span", [("class", "field-error"), ("id", "e-" + name)], H.text($0)) } ?? H.empty,
            ])
        }
        let rows: [[HNode]] = Indicator.allCases.map { i in
            let unit = i.kind == .rate ? "%" : i.kind == .weeklyHours ? ctx.t("小时/周", "h/week") : i.kind == .perThousand ? ctx.t("人次/千人", "per 1,000") : i == .volunteerHours ? ctx.t("小时", "h") : ctx.t("场", "")
            return [H.text(i.label(ctx.lang)), input("w_" + i.rawValue, ctx.t("\(i.zh)分值", "\(i.en) points"), ctx.t("分", "pts")),
                    input("t_" + i.rawValue, ctx.t("\(i.zh)目标", "\(i.en) target"), unit),
                    H.text(i.applies(to: .venue) ? ctx.t("乡镇、场馆", "Townships, venues") : ctx.t("仅乡镇", "Townships only"))]
        }
        let deductionRows: [[HNode]] = DeductionKind.allCases.map { k in
            [H.text(k.label(ctx.lang)), input("d_" + k.rawValue, ctx.t("\(k.zh)每次扣分", "\(k.en) per case"), ctx.t("分/次", "pts each")),
             input("dcap_" + k.rawValue, ctx.t("\(k.zh)最多扣分", "\(k.en) cap"), ctx.t("分封顶", "pts at most"))]
        }
        let summary: HNode = errors.isEmpty ? H.empty : Forms.problem(ctx.t("方案没有保存：", "Not saved: ") + errors.sorted { $0.key < $1.key }.map(\.value).joined(separator: " "))
        let formNode = H.el("form", [("method", "post"), ("action", SiteURL.evaluation(.schemes(type.rawValue)).path), ("class", "stack")], [
            Forms.csrfField(ctx), summary,
            errors["scheme"].map { H.p($0, cls: "field-error") } ?? H.empty,
            H.el("p", [], [input("total", ctx.t("总分", "Total"), ctx.t("分（100 或 1000）", "points (100 or 1,000)"))]),
            Tables.table(caption: ctx.t("考核指标：分值留空即不考核该项；比率类目标填百分数", "Indicators: leave the points empty to drop one; rate targets in percent"),
                         headers: [ctx.t("指标", "Indicator"), ctx.t("分值", "Points"), ctx.t("目标", "Target"), ctx.t("适用", "Applies to")], rows: rows),
            Tables.table(caption: ctx.t("扣分项", "Deductions"), headers: [ctx.t("扣分项", "Kind"), ctx.t("每次", "Each"), ctx.t("封顶", "Cap")], rows: deductionRows),
            Forms.field(FormField(name: "anonymous", label: ctx.t("匿名线上问卷计入满意度", "Anonymous online survey answers count in satisfaction"),
                                  kind: .checkbox, value: form["anonymous"] ?? "",
                                  hint: ctx.t("默认不计入：不登录也能答的问卷，同一个人可以反复提交。纸质问卷、实名答卷和第三方测评始终计入。",
                                              "Off by default: anyone can send an anonymous answer again and again. Paper sheets, "
                                                + "signed-in answers and third-party results always count.")), ctx),
            H.el("p", [], [H.el("label", [("for", "f-note")], H.text(ctx.t("修改说明（选填）", "What changed (optional)"))),
                           H.void("input", [("type", "text"), ("id", "f-note"), ("name", "note"), ("maxlength", "200"), ("value", form["note"] ?? "")])]),
            H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("保存为新版本", "Save as a new version"))),
        ])
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path), (title, nil)]), [
            H.h1(title),
            H.p(ctx.t("当前为第 \(current.version) 版。各项分值之和必须等于总分；保存后生成新版本，之前计算和发布的考核仍按原版本。",
                      "This is version \(current.version). The points must add up to the total; saving makes a new version, and earlier runs keep theirs."), cls: "lead"),
            formNode,
            H.section(labelledBy: "versions", title: ctx.t("历史版本", "Versions"), [
                Tables.table(caption: ctx.t("历史版本", "Versions"), headers: [ctx.t("版本", "Version"), ctx.t("保存时间", "Saved"), ctx.t("说明", "Note")],
                             rows: versions.map { [H.text(ctx.t("第 \($0.version) 版", "v\($0.version)")), H.text(req.displayTime.dateTime($0.createdAt)), H.text($0.note.isEmpty ? "—" : $0.note)] }),
            ]),
        ])
        return Layout.response(html, status: status)
    }
}
