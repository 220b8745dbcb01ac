import Fluent
import Foundation
import Vapor

/// Typing in returned paper questionnaires (R5.2): one row per questionnaire, one box per
/// question, Tab from box to box. All rows are checked first; one wrong box saves nothing and
/// the message names the questionnaire and the question.
enum SurveyPaperController {
    static let maxRows = 20

    /// Paper questionnaires are entered by the survey's designers or the surveyed unit's staff,
    /// except a third party's: its channel counts as independent, so only the third party enters it.
    static func mayEnterPaper(_ staff: Staff, _ survey: Survey) -> Bool {
        if survey.thirdParty { return staff.role == .thirdPartyEvaluator }
        return staff.may(.designSurveys) || staff.may(.handleFeedback)
    }

    @Sendable static func page(req: Request) async throws -> Response {
        let (staff, survey) = try await StaffSurveysController.load(req)
        try staff.require(mayEnterPaper(staff, survey))
        let count = min(max(req.query[Int.self, at: "count"] ?? 3, 1), maxRows)
        return try await render(req, survey, count: count, values: [:], errors: [], status: .ok)
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let (staff, survey) = try await StaffSurveysController.loadForWrite(req, mayEnterPaper)
        let form = try req.content.decode([String: String].self)
        let count = min(max(Int(form["count"] ?? "") ?? 3, 1), maxRows)
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        var errors: [(field: String, message: String)] = []
        var sheets: [(SurveyDesk.Respondent, [ParsedAnswer])] = []
        for row in 1...count {
            let ref = (form["ref-\(row)"] ?? "").trimmingCharacters(in: .whitespaces)
            let cells = questions.map { form["a-\(row)-\($0.position)"]?.trimmingCharacters(in: .whitespaces) ?? "" }
            if ref.isEmpty && cells.allSatisfy(\.isEmpty) { continue }
            let name = req.lang.t("第 \(row) 份", "Questionnaire \(row)") + (ref.isEmpty ? "" : req.lang.t("（编号 \(ref)）", " (no. \(ref))"))
            if ref.count > 30 { errors.append(("ref-\(row)", name + req.lang.t("：问卷编号不超过 30 个字符。", ": the number is at most 30 characters."))) }
            let (answers, problems) = SurveyAnswers.parse(questions, raw: { q in [form["a-\(row)-\(q.position)"] ?? ""] }, lang: req.lang)
            for q in questions { if let p = problems[q.id!] { errors.append(("a-\(row)-\(q.position)", name + req.lang.t("第 \(q.position) 题：", ", question \(q.position): ") + p)) } }
            sheets.append((.init(enteredBy: staff.account.id, paperRef: ref), answers))
        }
        if sheets.isEmpty && errors.isEmpty { errors.append(("ref-1", req.lang.t("没有填写任何问卷。", "No questionnaire was filled in."))) }
        guard errors.isEmpty else { return try await render(req, survey, count: count, values: form, errors: errors, status: .unprocessableEntity) }
        do {
            try await SurveyDesk.submit(survey, questions: questions, sheets: sheets, now: req.now, on: req.db)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await render(req, survey, count: count, values: form, errors: [("ref-1", error.message(req.lang))], status: .conflict)
        }
        Flash.set(req, "已录入 \(sheets.count) 份纸质问卷，标记为线下渠道、录入人为您。可以继续录入下一批。",
                  "\(sheets.count) paper questionnaire(s) entered, marked offline with you as the person who entered them. Carry on with the next batch.")
        return req.redirect(to: SiteURL.surveys(.staffPaper(.id(survey.id!))).with([("count", String(count))]))
    }

    private static func render(_ req: Request, _ survey: Survey, count: Int, values: [String: String], errors: [(field: String, message: String)],
                               status: HTTPResponseStatus) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        let bad = Set(errors.map(\.field))
        let hint: (SurveyQuestion) -> String = { q in
            switch q.kind {
            case .single: ctx.t("填 1–\(q.options.count)", "1–\(q.options.count)")
            case .multiple: ctx.t("可多选，如 1,3", "several, e.g. 1,3")
            case .scale: ctx.t("填 1–5", "1–5")
            case .text: ctx.t("文字", "text")
            }
        }
        let input: (String, String, Bool, String) -> HNode = { name, label, numeric, value in
            // aria-label rather than a clipped <label>: axe counts a clipped label as hidden.
            H.void("input", [("type", "text"), ("name", name), ("id", name), ("value", value), ("inputmode", numeric ? "numeric" : nil), ("aria-label", label),
                             ("autocomplete", "off"), ("aria-invalid", bad.contains(name) ? "true" : nil), ("class", numeric ? "cell-narrow" : "cell-wide")])
        }
        let rows: [[HNode]] = (1...count).map { row in
            [H.text(String(row)), input("ref-\(row)", ctx.t("第 \(row) 份的问卷编号", "Questionnaire \(row): number"), false, values["ref-\(row)"] ?? "")]
                + questions.map { q in
                    let name = "a-\(row)-\(q.position)"
                    return input(name, ctx.t("第 \(row) 份第 \(q.position) 题", "Questionnaire \(row), question \(q.position)"), q.kind != .text, values[name] ?? "")
                }
        }
        let legend = questions.map { q in
            H.el("li", [], H.text("\(q.position). \(q.text(ctx.lang))" + (q.required ? ctx.t("（必答）", " (required)") : "") + " — " + hint(q)
                                  + (q.kind.hasOptions ? ctx.t("：", ": ") + q.options.indices.map { "\($0 + 1)=\(q.option($0 + 1, ctx.lang))" }.joined(separator: ctx.t("，", ", ")) : "")))
        }
        let title = ctx.t("录入纸质问卷", "Enter paper questionnaires")
        let body: [HNode] = [
            H.h1(title),
            H.p(survey.title(ctx.lang), cls: "lead"),
            survey.status == .open ? H.empty : H.el("div", [("class", "error-summary"), ("role", "alert")], H.p(ctx.t("问卷不在进行中，不能录入。", "The survey is not open, so nothing can be entered."))),
            errors.isEmpty ? H.empty : H.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], [
                H.h2(ctx.t("有 \(errors.count) 处需要修改，所有问卷都还没有保存：", "\(errors.count) problem(s); nothing has been saved yet:")),
                H.ul(errors.map { H.a($0.message, href: "#" + $0.field) }),
            ]),
            H.section(labelledBy: "legend", title: ctx.t("题目与填写方法", "Questions and what to type"), [
                H.el("ul", [("class", "plain")], legend),
                H.p(ctx.t("每行一份问卷，按 Tab 键依次跳到下一格。没答的题留空；整行留空的不会录入。", "One row per questionnaire; Tab moves to the next box. Leave unanswered questions blank; blank rows are skipped."), cls: "hint"),
            ]),
            H.el("form", [("method", "post"), ("action", SiteURL.surveys(.staffPaper(.id(survey.id!))).path), ("class", "paper-entry"), ("novalidate", "novalidate")], [
                Forms.csrfField(ctx),
                H.void("input", [("type", "hidden"), ("name", "count"), ("value", String(count))]),
                Tables.table(caption: ctx.t("纸质问卷录入表", "Paper entry"), headers: ["#", ctx.t("问卷编号", "Number")] + questions.map { ctx.t("第 \($0.position) 题", "Q\($0.position)") + "（\(hint($0))）" }, rows: rows),
                H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("保存这 \(count) 行", "Save these rows"))),
            ]),
            H.el("p", [], [H.text(ctx.t("一次录入的行数：", "Rows per batch: "))] + [3, 5, 10, 20].map {
                H.a(String($0), href: SiteURL.surveys(.staffPaper(.id(survey.id!))).with([("count", String($0))]), cls: "button small", current: $0 == count)
            }),
        ]
        return Layout.response(Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("满意度调查问卷", "Surveys"), SiteURL.surveys(.staffIndex).path),
                                                                                                      (survey.title(ctx.lang), SiteURL.surveys(.staffShow(.id(survey.id!))).path), (title, nil)]), body),
                               status: status)
    }
}
