import Fluent
import Foundation
import Vapor

/// Citizens find open surveys and answer them: signed in, once per account; anonymous, once per
/// device (a cookie), marked as anonymous (R5.3).
enum SurveyController {
    static let deviceCookie = "survey_device"

    @Sendable static func index(req: Request) async throws -> Response {
        let ctx = PageContext(req)
        let page = try await Survey.query(on: req.db).filter(\.$status == .open).with(\.$venue).with(\.$region).with(\.$activity)
            .sort(\.$openedAt, .descending).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let title = ctx.t("满意度调查", "Satisfaction surveys")
        let items = page.items.map { s in
            H.el("li", [], [
                H.el("h2", [], H.a(s.title(ctx.lang), href: SiteURL.surveys(.show(.id(s.id!))).path)),
                H.p(ctx.t("调查对象：", "About: ") + targetName(s, ctx.lang), cls: "hint"),
                s.intro(ctx.lang).isEmpty ? H.empty : H.p(s.intro(ctx.lang)),
            ])
        }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("您的意见会计入场馆和乡镇的满意度考核。填写一份问卷大约需要 2 分钟，可以不登录。",
                      "Your answers count in the appraisal of venues and townships. A survey takes about 2 minutes; no account needed."), cls: "lead"),
            items.isEmpty ? Tables.empty(ctx.t("目前没有正在进行的问卷。", "No surveys are open at the moment."),
                                         action: H.a(ctx.t("看看满意度结果", "See satisfaction results"), href: SiteURL.feedback(.satisfaction).path, cls: "button"))
                : H.el("ul", [("class", "card-list")], items),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) { SiteURL.surveys(.index).with([("page", String($0))]) },
        ])
        return Layout.response(html)
    }

    static func targetName(_ s: Survey, _ lang: Lang) -> String {
        switch s.targetKind {
        case .venue: s.venue?.name ?? "—"
        case .township: s.region?.name ?? "—"
        case .activity: s.activity?.title ?? "—"
        }
    }

    static func load(_ req: Request) async throws -> Survey {
        guard let survey = try await Survey.query(on: req.db).filter(\.$id == req.id()).with(\.$venue).with(\.$region).with(\.$activity).first(),
              survey.status != .draft else { throw AppError.notFound }
        return survey
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let survey = try await load(req)
        var response = try await render(req, survey, values: [:], errors: [:], problem: nil, status: .ok)
        response = ensureDeviceCookie(req, response)
        return response
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        let survey = try await load(req)
        let form = try req.content.decode([String: String].self)
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        let (answers, errors) = SurveyAnswers.parse(questions, raw: { q in rawValues(q, form) }, lang: req.lang)
        guard errors.isEmpty else {
            return try await render(req, survey, values: form, errors: errors, problem: nil, status: .unprocessableEntity)
        }
        let account = req.auth.get(Account.self)
        let device = req.cookies[deviceCookie]?.string
        guard account != nil || (device.map { $0.count >= 32 } ?? false) else {
            return try await render(req, survey, values: form, errors: [:],
                                    problem: req.lang.t("匿名填写需要浏览器允许 Cookie，以免重复提交。请开启 Cookie 或登录后再提交。",
                                                        "Answering without an account needs cookies enabled, so one device answers once. Enable cookies or sign in."), status: .badRequest)
        }
        do {
            try await req.countFeedback(by: account)
            try await SurveyDesk.submit(survey, questions: questions, sheets: [(.init(account: account, deviceToken: device), answers)], now: req.now, on: req.db)
        } catch let error as AppError {
            switch error {
            case .conflict, .tooManyRequests:
                return try await render(req, survey, values: form, errors: [:], problem: error.message(req.lang), status: error.status)
            default: throw error
            }
        }
        Flash.set(req, "提交成功，谢谢您的参与！您的意见会转给相关场馆和乡镇。", "Thank you! Your answers go to the venues and townships concerned.")
        return req.redirect(to: SiteURL.surveys(.show(.id(survey.id!))).path)
    }

    /// Radio buttons and text send `q-<id>`; checkboxes send `q-<id>-<option>` = on.
    static func rawValues(_ q: SurveyQuestion, _ form: [String: String]) -> [String] {
        let key = "q-" + q.id!.uuidString.lowercased()
        if q.kind == .multiple {
            return (1...max(q.options.count, 1)).compactMap { FormCheck.flag(form["\(key)-\($0)"]) ? String($0) : nil }
        }
        return form[key].map { [$0] } ?? []
    }

    private static func ensureDeviceCookie(_ req: Request, _ response: Response) -> Response {
        guard req.cookies[deviceCookie] == nil else { return response }
        var bytes = [UInt8](repeating: 0, count: 16)
        for i in bytes.indices { bytes[i] = UInt8.random(in: 0...255) }
        response.cookies[deviceCookie] = HTTPCookies.Value(string: Hex.string(bytes), maxAge: 365 * 86_400,
                                                          path: "/surveys", isSecure: req.application.settings.baseURL.hasPrefix("https://"),
                                                          isHTTPOnly: true, sameSite: .lax)
        return response
    }

    private static func render(_ req: Request, _ survey: Survey, values: [String: String], errors: [UUID: String], problem: String?,
                               status: HTTPResponseStatus) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        let account = req.auth.get(Account.self)
        var answered = false
        if let account {
            answered = try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == survey.id!).filter(\.$accountID == account.id).count() > 0
        } else if let device = req.cookies[deviceCookie]?.string {
            answered = try await SurveyResponse.query(on: req.db).filter(\.$survey.$id == survey.id!).filter(\.$deviceKey == SurveyDesk.deviceKey(device)).count() > 0
        }
        let title = survey.title(ctx.lang)
        var body: [HNode] = [
            H.h1(title),
            H.p(ctx.t("调查对象：", "About: ") + targetName(survey, ctx.lang), cls: "hint"),
            survey.intro(ctx.lang).isEmpty ? H.empty : H.p(survey.intro(ctx.lang), cls: "lead"),
        ]
        if survey.status == .closed {
            body.append(H.p(ctx.t("这份问卷已经结束，不再收集答卷。谢谢您的关注。", "This survey has closed. Thank you for your interest.")))
        } else if answered {
            body.append(H.p(ctx.t("您已经填写过这份问卷，谢谢！每人（每台设备）只能填写一次。", "You have answered this survey. Thank you! It takes one answer per person (or device)."), cls: "ok-state"))
            body.append(H.a(ctx.t("看看其他问卷", "Other surveys"), href: SiteURL.surveys(.index).path, cls: "button"))
        } else {
            body.append(SurveyFormView.form(ctx, survey: survey, questions: questions, values: values, errors: errors, problem: problem, signedIn: account != nil))
        }
        return Layout.response(Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"),
                                                                      .init(title: ctx.t("满意度调查", "Surveys"), url: SiteURL.surveys(.index).path),
                                                                      .init(title: title, url: nil)], body), status: status)
    }
}
