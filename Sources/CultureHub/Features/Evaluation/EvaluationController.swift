import Fluent
import Foundation
import KPIMetrics
import Vapor

/// `/staff/evaluation`: runs by period, computing a new one, the run page and its steps (R8.1, R8.2).
enum EvaluationController {
    @Sendable static func home(req: Request) async throws -> Response {
        try await renderHome(req, form: [:], errors: [:])
    }

    static func renderHome(_ req: Request, form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t("绩效考核", "Performance evaluation")
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let typeFilter = req.query[String.self, at: "type"].flatMap(PeriodType.init(rawValue:))
        var query = EvaluationRun.query(on: req.db).with(\.$scheme)
        if !staff.role.may(.evaluate) { query = query.filter(\.$status == .published) }
        if let typeFilter { query = query.filter(\.$periodType == typeFilter) }
        let total = try await query.count()
        let runs = try await query.sort(\.$periodKey, .descending).sort(\.$createdAt, .descending).range((page - 1) * 20..<(page * 20)).all()
        let today = req.displayTime.today
        let suggestion = EvaluationPeriod.containing(today, type: .month)!.previous.key
        let typeLinks: [HNode] = [H.a(ctx.t("全部", "All"), href: SiteURL.evaluation(.home).path, cls: "button small", current: typeFilter == nil)]
            + PeriodType.allCases.map { H.a($0.label(ctx.lang), href: SiteURL.evaluation(.home).with([("type", $0.rawValue)]), cls: "button small", current: typeFilter == $0) }
        let rows: [[HNode]] = runs.map { run in
            [H.a(EvaluationFormat.periodText(run.periodType, run.periodKey, ctx.lang), href: SiteURL.evaluation(.run(.id(run.id!))).path),
             H.text(run.periodType.label(ctx.lang)), H.badge(run.status.label(ctx.lang), tone: run.status == .published ? "ok" : run.status == .review ? "warn" : "neutral"),
             H.text(ctx.t("第 \(run.scheme.version) 版", "v\(run.scheme.version)")), H.text(req.displayTime.dateTime(run.computedAt))]
        }
        let computeForm = Forms.form(ctx, action: SiteURL.evaluation(.runs).path, fields: [
            FormField(name: "type", label: ctx.t("考核周期", "Period type"), kind: .select(PeriodType.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }),
                      value: form["type"] ?? "month", error: errors["type"], required: true),
            FormField(name: "period", label: ctx.t("考核期", "Period"), value: form["period"] ?? suggestion, error: errors["period"],
                      hint: ctx.t("月度填 2026-10，季度填 2026-Q3，年度填 2026", "2026-10 for a month, 2026-Q3 for a quarter, 2026 for a year"), required: true, maxLength: 7),
        ], submit: ctx.t("计算考核结果（生成草稿）", "Compute (as a draft)"))
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("按考核方案计算每个乡镇（街道）和市直场馆的得分：草稿 → 审核 → 发布。发布后的结果不可更改，并在公开页面公布排名。",
                      "Score every township and city venue by the scheme: draft → review → publish. Published results are frozen and their rankings public."), cls: "lead"),
            H.el("p", [("class", "filters")], [
                H.a(ctx.t("考核目标差距", "Gaps to targets"), href: SiteURL.evaluation(.shortfall).path, cls: "button"),
                H.a(ctx.t("督查与整改", "Inspections"), href: SiteURL.evaluation(.inspections).path, cls: "button"),
                H.a(ctx.t("整改任务", "Rectification"), href: SiteURL.evaluation(.rectifications).path, cls: "button"),
                H.a(ctx.t("效能提升办法", "Improvement plans"), href: SiteURL.evaluation(.plans).path, cls: "button"),
                staff.role.may(.designSurveys) ? H.a(ctx.t("第三方测评结果", "Third-party results"), href: SiteURL.evaluation(.thirdParty).path, cls: "button") : H.empty,
                staff.role.may(.evaluate) ? H.a(ctx.t("数据异常提示", "Integrity flags"), href: SiteURL.evaluation(.integrity).path, cls: "button") : H.empty,
                H.a(ctx.t("公开的考核排名", "Public rankings"), href: SiteURL.evaluation(.published).path, cls: "button"),
            ]),
            staff.role.may(.evaluate) ? H.section(labelledBy: "schemes", title: ctx.t("考核方案", "Schemes"), [
                H.ul(PeriodType.allCases.map { H.a(ctx.t("\($0.zh)考核方案", "\($0.en) scheme"), href: SiteURL.evaluation(.schemes($0.rawValue)).path) }),
            ]) : H.empty,
            staff.role.may(.evaluate) ? H.section(labelledBy: "compute", title: ctx.t("计算一期考核", "Compute a period"), [computeForm]) : H.empty,
            H.section(labelledBy: "runs", title: ctx.t("考核记录", "Runs"), [
                H.el("p", [("class", "filters")], typeLinks),
                runs.isEmpty ? Tables.empty(staff.role.may(.evaluate) ? ctx.t("还没有考核记录。在上方选择考核期，计算第一期考核。", "No runs yet. Choose a period above to compute the first one.")
                                                                    : ctx.t("还没有发布的考核结果。市局发布后会显示在这里。", "No published results yet; they appear here once the bureau publishes them."))
                    : Tables.table(caption: ctx.t("考核记录", "Runs"), headers: [ctx.t("考核期", "Period"), ctx.t("周期", "Type"), ctx.t("状态", "Status"), ctx.t("方案版本", "Scheme"), ctx.t("计算时间", "Computed")], rows: rows),
                Pagination(page: page, per: 20, total: total).render(ctx) { SiteURL.evaluation(.home).with([("type", typeFilter?.rawValue), ("page", String($0))]) },
            ]),
        ])
        return Layout.response(html, status: status)
    }

    @Sendable static func compute(req: Request) async throws -> Response {
        let form = try req.content.decode([String: String].self)
        let staff = try req.staff()
        do {
            guard let type = PeriodType(rawValue: form["type"] ?? "") else {
                throw AppError.invalid(["type": req.lang.t("请选择考核周期。", "Choose a period type.")])
            }
            let run = try await EvaluationDesk.compute(type: type, key: (form["period"] ?? "").trimmingCharacters(in: .whitespaces), by: staff,
                                                       time: req.displayTime, settings: req.settings, lang: req.lang, on: req.db)
            Flash.set(req, "已计算 \(EvaluationFormat.periodText(type, run.periodKey, .zh))的考核结果（草稿）。请核对后提交审核。",
                      "Computed \(run.periodKey) as a draft. Check it, then submit it for review.")
            return req.redirect(to: SiteURL.evaluation(.run(.id(run.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await renderHome(req, form: form, errors: errors, status: .unprocessableEntity)
        }
    }

    @Sendable static func step(req: Request) async throws -> Response {
        let staff = try req.staff()
        let data = try await EvaluationRunData.load(try req.id(), on: req.db)
        let run = data.run
        let name = req.parameters.get("step") ?? ""
        let periodText = EvaluationFormat.periodText(run.periodType, run.periodKey, .zh)
        switch name {
        case "recompute":
            try await EvaluationDesk.recompute(run, by: staff, time: req.displayTime, settings: req.settings, lang: req.lang, on: req.db)
            Flash.set(req, "已按最新数据重新计算\(periodText)的草稿。", "The draft was recomputed from today's data.")
        case "submit":
            try await EvaluationDesk.advance(run, .submit, by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已提交审核。审核通过后由市局管理员发布。", "Submitted for review. A bureau administrator publishes it.")
        case "return":
            try await EvaluationDesk.advance(run, .returnToDraft, by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "已退回草稿，可以重新计算后再提交。", "Sent back to draft; recompute and submit again.")
        case "publish":
            try await EvaluationDesk.advance(run, .publish, by: staff, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "\(periodText)考核结果已发布，排名已在公开页面公布。结果从此不再改变。", "Published. The rankings are public and the results are now frozen.")
        default:
            throw AppError.notFound
        }
        return req.redirect(to: SiteURL.evaluation(.run(.id(run.id!))).path)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let staff = try req.staff()
        let data = try await EvaluationRunData.load(try req.id(), on: req.db)
        guard EvaluationRunData.visible(data.run, to: staff) else { throw AppError.notFound }
        let ctx = PageContext(req, hasForm: true)
        return Layout.response(EvaluationRunView.render(ctx, data, staff: staff, time: req.displayTime))
    }
}
