import Fluent
import Foundation
import Vapor

/// The bureau and evaluators build surveys: title, target, questions, then open and close them (R5.3).
enum StaffSurveysController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req)
        let status = req.query[String.self, at: "status"].flatMap(SurveyStatus.init(rawValue:))
        let query = staff.scope.filter(Survey.query(on: req.db)).with(\.$venue).with(\.$region).with(\.$activity)
        if let status { query.filter(\.$status == status) }
        let page = try await query.sort(\.$createdAt, .descending).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let counts = try await SurveyResults.responseCounts(page.items.compactMap(\.id), on: req.db)
        let rows: [[HNode]] = page.items.map { s in
            [H.a(s.title(ctx.lang), href: SiteURL.surveys(.staffShow(.id(s.id!))).path), H.text(s.targetKind.label(ctx.lang) + ctx.t("：", ": ") + SurveyController.targetName(s, ctx.lang)),
             H.badge(s.status.label(ctx.lang), tone: s.status == .open ? "ok" : "neutral"), H.text(String(counts[s.id!] ?? 0)),
             s.status == .draft ? H.empty : H.a(ctx.t("结果", "Results"), href: SiteURL.surveys(.staffResults(.id(s.id!))).path)]
        }
        let title = ctx.t("满意度调查问卷", "Satisfaction surveys")
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("问卷由文广旅体局或第三方测评机构设计。场馆和乡镇可以录入收回的纸质问卷，并查看本单位的结果。",
                      "The bureau or a third-party evaluator designs surveys. Venues and townships enter returned paper questionnaires and see their own results."), cls: "lead"),
            staff.role.may(.designSurveys) ? H.a(ctx.t("新建问卷", "New survey"), href: SiteURL.surveys(.staffNew).path, cls: "button primary") : H.empty,
            H.el("p", [("class", "filters")], [H.a(ctx.t("全部", "All"), href: SiteURL.surveys(.staffIndex).path, cls: "button small", current: status == nil)]
                 + SurveyStatus.allCases.map { H.a($0.label(ctx.lang), href: SiteURL.surveys(.staffIndex).with([("status", $0.rawValue)]), cls: "button small", current: status == $0) }),
            rows.isEmpty ? Tables.empty(ctx.t("还没有问卷。", "No surveys yet."))
                : Tables.table(caption: title, headers: [ctx.t("问卷", "Survey"), ctx.t("调查对象", "About"), ctx.t("状态", "Status"),
                                                       ctx.t("答卷数", "Answers"), ctx.t("结果", "Results")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.surveys(.staffIndex).with([("status", status?.rawValue), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    struct NewForm: Content {
        var titleZh: String?
        var titleEn: String?
        var introZh: String?
        var introEn: String?
        var targetKind: String?
        var venue: String?
        var township: String?
        var activity: String?
    }

    @Sendable static func new(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.designSurveys)
        return try await renderNew(req, NewForm(targetKind: "venue"), errors: [:], status: .ok)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        try staff.require(.designSurveys)
        let form = try req.content.decode(NewForm.self)
        var check = FormCheck(req.lang)
        let titleZh = check.text("titleZh", form.titleZh, max: 100)
        let titleEn = check.text("titleEn", form.titleEn, required: false, max: 150)
        let introZh = check.text("introZh", form.introZh, required: false, max: 500)
        let introEn = check.text("introEn", form.introEn, required: false, max: 800)
        let kind: SurveyTargetKind? = check.choice("targetKind", form.targetKind)
        let survey = Survey()
        switch kind {
        case .venue:
            if let id = check.uuid("venue", form.venue), let venue = try await Venue.find(id, on: req.db) {
                survey.$venue.id = id
                survey.regionPath = venue.regionPath
            } else { check.fail("venue", "请选择场馆。", "Choose a venue.") }
        case .township:
            if let township = try await req.townships().find(check.uuid("township", form.township)) {
                survey.$region.id = township.id
                survey.regionPath = township.path
            } else { check.fail("township", "请选择乡镇（街道）。", "Choose a township.") }
        case .activity:
            if let id = check.uuid("activity", form.activity), let activity = try await Activity.find(id, on: req.db) {
                survey.$activity.id = id
                survey.$venue.id = activity.$venue.id
                survey.regionPath = activity.regionPath
            } else { check.fail("activity", "请选择活动。", "Choose an activity.") }
        case nil: break
        }
        guard check.isValid, let kind, staff.scope.covers(regionPath: survey.regionPath) else {
            return try await renderNew(req, form, errors: check.errors.isEmpty ? ["targetKind": req.lang.t("调查对象不在您的管辖范围内。", "That is outside your scope.")] : check.errors,
                                       status: .unprocessableEntity)
        }
        survey.titleZh = titleZh
        survey.titleEn = titleEn
        survey.introZh = introZh
        survey.introEn = introEn
        survey.targetKind = kind
        survey.status = .draft
        survey.thirdParty = staff.role == .thirdPartyEvaluator
        survey.createdBy = staff.account.id
        survey.createdAt = req.now
        try await req.db.writeTransaction { tx in try await survey.create(on: tx) }
        Flash.set(req, "问卷草稿已保存。下一步：添加题目，然后发布。", "Draft saved. Next: add the questions, then open it.")
        return req.redirect(to: SiteURL.surveys(.staffShow(.id(survey.id!))).path)
    }

    private static func renderNew(_ req: Request, _ form: NewForm, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let staff = try req.staff()
        let venues = try await staff.scope.filter(Venue.query(on: req.db)).sort(\.$name).limit(2000).all()
        let time = req.displayTime
        let activities = try await staff.scope.filter(Activity.query(on: req.db)).filter(\.$startsAt > req.now.addingTimeInterval(-90 * 86_400))
            .filter(\.$startsAt < req.now.addingTimeInterval(60 * 86_400)).sort(\.$startsAt, .descending).limit(300).all()
        let choose = FormField.Option(value: "", label: ctx.t("请选择", "Choose"))
        let fields = [
            FormField(name: "titleZh", label: ctx.t("问卷标题（中文）", "Title (Chinese)"), value: form.titleZh ?? "", error: errors["titleZh"], required: true, maxLength: 100),
            FormField(name: "titleEn", label: ctx.t("问卷标题（英文，选填）", "Title (English, optional)"), value: form.titleEn ?? "", error: errors["titleEn"], maxLength: 150),
            FormField(name: "introZh", label: ctx.t("说明（中文，选填）", "Introduction (Chinese, optional)"), kind: .textarea, value: form.introZh ?? "", error: errors["introZh"], maxLength: 500),
            FormField(name: "introEn", label: ctx.t("说明（英文，选填）", "Introduction (English, optional)"), kind: .textarea, value: form.introEn ?? "", error: errors["introEn"], maxLength: 800),
            FormField(name: "targetKind", label: ctx.t("调查对象类型", "What it is about"), kind: .select(SurveyTargetKind.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }),
                      value: form.targetKind ?? "", error: errors["targetKind"], hint: ctx.t("再在下面对应的一项中选择具体对象。", "Then pick the one below."), required: true),
            FormField(name: "venue", label: ctx.t("场馆", "Venue"), kind: .select([choose] + venues.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                      value: form.venue ?? "", error: errors["venue"]),
            FormField(name: "township", label: ctx.t("乡镇（街道）", "Township"), kind: .select([choose] + (try await req.townships()).townships.map { .init(value: $0.id.uuidString, label: $0.name) }),
                      value: form.township ?? "", error: errors["township"]),
            FormField(name: "activity", label: ctx.t("活动（近 90 天及未来 60 天）", "Activity (last 90 days and next 60)"),
                      kind: .select([choose] + activities.map { .init(value: $0.id!.uuidString, label: DisplayTime.day($0.startsAt, in: time.timeZone) + " " + $0.title) }),
                      value: form.activity ?? "", error: errors["activity"]),
        ]
        let title = ctx.t("新建问卷", "New survey")
        return Layout.response(Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("满意度调查问卷", "Surveys"), SiteURL.surveys(.staffIndex).path), (title, nil)]), [
            H.h1(title), Forms.form(ctx, action: SiteURL.surveys(.staffNew).path, fields: fields, submit: ctx.t("保存草稿", "Save draft")),
        ]), status: status)
    }

    private static func find(_ req: Request) async throws -> Survey {
        guard let survey = try await Survey.query(on: req.db).filter(\.$id == req.id())
            .with(\.$venue).with(\.$region).with(\.$activity).first() else { throw AppError.notFound }
        return survey
    }

    static func load(_ req: Request) async throws -> (Staff, Survey) {
        let staff = try req.staff()
        let survey = try await find(req)
        guard staff.scope.contains(survey) else { throw AppError.notFound }
        return (staff, survey)
    }

    /// A survey for a write: missing answers 404; the capability and the scope answer 403.
    static func loadForWrite(_ req: Request, _ allowed: (Staff, Survey) -> Bool) async throws -> (Staff, Survey) {
        let staff = try req.staff()
        let survey = try await find(req)
        try staff.require(allowed(staff, survey))
        try staff.scope.authorize(survey)
        return (staff, survey)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let (staff, survey) = try await load(req)
        return try await renderShow(req, staff, survey, errors: [:], status: .ok)
    }

    struct QuestionForm: Content { var kind: String?; var textZh: String?; var textEn: String?; var required: String?; var options: String?; var forSatisfaction: String? }

    @Sendable static func addQuestion(req: Request) async throws -> Response {
        let (staff, survey) = try await loadForWrite(req) { staff, _ in staff.may(.designSurveys) }
        let form = try req.content.decode(QuestionForm.self)
        var check = FormCheck(req.lang)
        guard let kind: QuestionKind = check.choice("kind", form.kind) else {
            return try await renderShow(req, staff, survey, errors: check.errors, form: form, status: .unprocessableEntity)
        }
        do {
            try await SurveyDesk.addQuestion(to: survey, kind: kind, textZh: form.textZh ?? "", textEn: form.textEn ?? "", required: FormCheck.flag(form.required),
                                             optionLines: form.options ?? "", forSatisfaction: FormCheck.flag(form.forSatisfaction), lang: req.lang, on: req.db)
        } catch AppError.invalid(let errors) {
            return try await renderShow(req, staff, survey, errors: errors, form: form, status: .unprocessableEntity)
        }
        Flash.set(req, "题目已添加。", "Question added.")
        return req.redirect(to: SiteURL.surveys(.staffShow(.id(survey.id!))).path + "#questions")
    }

    @Sendable static func deleteQuestion(req: Request) async throws -> Response {
        let (_, survey) = try await loadForWrite(req) { staff, _ in staff.may(.designSurveys) }
        guard let q = try await SurveyQuestion.find(req.id("question"), on: req.db), q.$survey.id == survey.id else { throw AppError.notFound }
        try await SurveyDesk.deleteQuestion(q, of: survey, on: req.db)
        Flash.set(req, "题目已删除。", "Question removed.")
        return req.redirect(to: SiteURL.surveys(.staffShow(.id(survey.id!))).path + "#questions")
    }

    @Sendable static func open(req: Request) async throws -> Response {
        try await transition(req) { survey in
            try await SurveyDesk.open(survey, now: req.now, on: req.db)
            Flash.set(req, "问卷已发布，群众可以在“满意度调查”中填写；纸质问卷也可以开始录入。", "The survey is open: citizens find it under Surveys, and paper copies can be entered.")
        }
    }

    @Sendable static func close(req: Request) async throws -> Response {
        try await transition(req) { survey in
            try await SurveyDesk.close(survey, now: req.now, on: req.db)
            Flash.set(req, "问卷已结束，不再接收答卷。结果仍可查看和导出。", "The survey is closed. Results stay available and exportable.")
        }
    }

    private static func transition(_ req: Request, _ body: (Survey) async throws -> Void) async throws -> Response {
        let (_, survey) = try await loadForWrite(req) { staff, _ in staff.may(.designSurveys) }
        do { try await body(survey) } catch let error as AppError {
            guard case .conflict = error else { throw error }
            Flash.set(req, error.message(.zh), error.message(.en))
        }
        return req.redirect(to: SiteURL.surveys(.staffShow(.id(survey.id!))).path)
    }

    private static func renderShow(_ req: Request, _ staff: Staff, _ survey: Survey, errors: FieldErrors, form: QuestionForm = QuestionForm(kind: "scale", required: "1"),
                                   status: HTTPResponseStatus) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        let id = survey.id!
        let canBuild = staff.role.may(.designSurveys)
        let rows: [[HNode]] = questions.map { q in
            [H.text(String(q.position)), H.text(q.textZh + (q.textEn.isEmpty ? "" : " / " + q.textEn)), H.text(q.kind.label(ctx.lang)),
             H.text(q.options.enumerated().map { "\($0.offset + 1). \($0.element.zh)" }.joined(separator: "；").orDashIfEmpty),
             H.text((q.required ? ctx.t("必答", "Required") : ctx.t("选答", "Optional")) + (q.forSatisfaction ? ctx.t("，计入满意率", ", counts for satisfaction") : "")),
             canBuild && survey.status == .draft ? Forms.actionButton(ctx, action: SiteURL.surveys(.staffQuestionDelete(.id(id), .id(q.id!))).path, title: ctx.t("删除", "Remove"), danger: true) : H.empty]
        }
        var nodes: [HNode] = [
            H.h1(survey.title(ctx.lang)),
            H.facts([(ctx.t("调查对象", "About"), H.text(survey.targetKind.label(ctx.lang) + ctx.t("：", ": ") + SurveyController.targetName(survey, ctx.lang))),
                     (ctx.t("状态", "Status"), H.badge(survey.status.label(ctx.lang))),
                     (ctx.t("渠道", "Channel"), H.text(survey.thirdParty ? ctx.t("第三方测评", "Third party") : ctx.t("线上问卷与纸质问卷", "Online and paper")))]),
        ]
        var next: [HNode] = []
        if canBuild && survey.status == .draft { next.append(Forms.actionButton(ctx, action: SiteURL.surveys(.staffOpen(.id(id))).path, title: ctx.t("发布问卷", "Open the survey"))) }
        if survey.status == .open {
            if SurveyPaperController.mayEnterPaper(staff, survey) {
                next.append(H.a(ctx.t("录入纸质问卷", "Enter paper questionnaires"), href: SiteURL.surveys(.staffPaper(.id(id))).path, cls: "button primary"))
            } else if survey.thirdParty {
                next.append(H.p(ctx.t("第三方测评的纸质问卷由第三方机构录入。", "A third party's paper questionnaires are entered by the third party."), cls: "hint"))
            }
            next.append(H.a(ctx.t("群众填写页面", "The public form"), href: SiteURL.surveys(.show(.id(id))).path, cls: "button"))
            if canBuild { next.append(Forms.actionButton(ctx, action: SiteURL.surveys(.staffClose(.id(id))).path, title: ctx.t("结束问卷", "Close the survey"),
                                                         confirm: ctx.t("结束后不再接收答卷，确定吗？", "No more answers will be taken. Close it?"))) }
        }
        if survey.status != .draft { next.append(H.a(ctx.t("查看结果", "Results"), href: SiteURL.surveys(.staffResults(.id(id))).path, cls: "button")) }
        nodes.append(H.el("p", [("class", "actions")], next))
        nodes.append(H.section(labelledBy: "questions", title: ctx.t("题目", "Questions"), [
            rows.isEmpty ? Tables.empty(ctx.t("还没有题目。至少添加一道题才能发布；建议把“总体满意度”设为 1–5 分评分题并计入满意率。",
                                              "No questions yet. Add at least one to open the survey; make an overall 1–5 satisfaction question count for satisfaction."))
                : Tables.table(caption: ctx.t("题目", "Questions"), headers: ["#", ctx.t("题目", "Question"), ctx.t("题型", "Kind"), ctx.t("选项", "Options"),
                                                                         ctx.t("要求", "Rules"), ""], rows: rows, captionHidden: true),
        ]))
        if canBuild && survey.status == .draft {
            let fields = [
                FormField(name: "kind", label: ctx.t("题型", "Kind"), kind: .select(QuestionKind.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }),
                          value: form.kind ?? "", error: errors["kind"], required: true),
                FormField(name: "textZh", label: ctx.t("题目（中文）", "Question (Chinese)"), value: form.textZh ?? "", error: errors["textZh"], required: true, maxLength: 200),
                FormField(name: "textEn", label: ctx.t("题目（英文，选填）", "Question (English, optional)"), value: form.textEn ?? "", error: errors["textEn"], maxLength: 300),
                FormField(name: "options", label: ctx.t("选项（单选、多选题用）", "Options (choice questions)"), kind: .textarea, value: form.options ?? "", error: errors["options"],
                          hint: ctx.t("每行一个，可用“中文|English”同时写英文，例如：图书借阅|Borrowing books", "One per line; add English after a bar, e.g. 图书借阅|Borrowing books")),
                FormField(name: "required", label: ctx.t("必答", "Required"), kind: .checkbox, value: FormCheck.flag(form.required) ? "1" : ""),
                FormField(name: "forSatisfaction", label: ctx.t("计入满意率（1–5 分题，每份问卷一道）", "Counts for satisfaction (a 1–5 question, one per survey)"), kind: .checkbox,
                          value: FormCheck.flag(form.forSatisfaction) ? "1" : "", error: errors["forSatisfaction"]),
            ]
            nodes.append(H.section(labelledBy: "add-question", title: ctx.t("添加题目", "Add a question"), [
                Forms.form(ctx, action: SiteURL.surveys(.staffQuestions(.id(id))).path, fields: fields, submit: ctx.t("添加题目", "Add question")),
            ]))
        }
        let title = ctx.t("满意度调查问卷", "Surveys")
        return Layout.response(Layout.page(ctx, title: survey.title(ctx.lang), area: .staff,
                                           crumbs: StaffPage.crumbs(ctx, [(title, SiteURL.surveys(.staffIndex).path), (survey.title(ctx.lang), nil)]), nodes), status: status)
    }
}
