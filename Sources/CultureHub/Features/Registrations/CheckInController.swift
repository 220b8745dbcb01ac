import Fluent
import Foundation
import Plot
import Vapor

/// The door: staff type or scan a code for one activity and see the result at once (R4.2).
enum CheckInController {
    @Sendable static func page(req: Request) async throws -> Response {
        let activity = try await req.scopedRecord(Activity.self)
        return try await render(req, activity, result: nil, code: req.query[String.self, at: "code"] ?? "")
    }

    @Sendable static func submit(req: Request) async throws -> Response {
        // A check-in counts towards participation: read-only roles see the door but never open it.
        let activity = try await req.scopedRecord(Activity.self, toWrite: .runEvents)
        struct Form: Content { var code: String? }
        let code = try req.content.decode(Form.self).code ?? ""
        let result = try await req.checkIn(code: code, activity: activity)
        return try await render(req, activity, result: result, code: "")
    }

    /// The URL inside the QR code: a phone camera opens it; with a staff session in scope it
    /// shows the registration's activity check-in page with the code filled in.
    @Sendable static func link(req: Request) async throws -> Response {
        let token = req.parameters.get("token") ?? ""
        guard let account = req.auth.get(Account.self), let scope = account.scope else {
            guard req.auth.get(Account.self) == nil else { throw AppError.forbidden }
            return req.redirect(to: SiteURL.login.with([("next", req.url.string)]))
        }
        guard let decoded = CheckInToken.decode(token, key: try await req.checkInKey()),
              let registration = try await Registration.find(decoded.registrationID, on: req.db),
              let activity = try await scope.filter(Activity.query(on: req.db)).filter(\.$id == registration.$activity.id).first() else {
            throw AppError.notFound
        }
        return try await render(req, activity, result: nil, code: token)
    }

    @Sendable static func counts(req: Request) async throws -> CheckInDesk.Counts {
        try await CheckInDesk.counts(req.scopedRecord(Activity.self), on: req.db)
    }

    private static func render(_ req: Request, _ activity: Activity, result: CheckInDesk.Result?, code: String) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let counts = try await CheckInDesk.counts(activity, on: req.db)
        let title = ctx.t("签到：\(activity.title)", "Check-in: \(activity.title)")
        var content: [HNode] = [
            H.h1(title),
            H.p(time.span(activity.startsAt, activity.endsAt), cls: "lead"),
        ]
        if let result {
            let tone = result.outcome.isSuccess ? "checkin-ok" : "checkin-refused"
            content.append(H.el("div", [("class", "checkin-result " + tone), ("role", "alert")], [
                H.el("p", [("class", "checkin-outcome")], H.text(result.outcome.message(ctx.lang))),
                result.who.map { H.p(ctx.t("报名人：", "Name: ") + $0 + (result.places.map { ctx.t("，\($0) 人", ", \($0) place(s)") } ?? "")) } ?? H.empty,
                result.outcome == .duplicate ? (result.checkedInAt.map { H.p(ctx.t("签到时间：", "Checked in at ") + time.dateTime($0)) } ?? H.empty) : H.empty,
            ]))
        }
        content += [
            H.el("p", [("class", "checkin-counts"), ("data-counts-url", SiteURL.registrations(.staffCheckInCounts(.id(activity.id!))).path), ("aria-live", "polite")],
                 H.text(ctx.t("已签到 \(counts.checkedInPlaces) 人 / 已报名 \(counts.confirmedPlaces) 人（名额 \(counts.capacity)）",
                              "\(counts.checkedInPlaces) checked in / \(counts.confirmedPlaces) registered (capacity \(counts.capacity))"))),
            !ctx.may(.runEvents) ? H.p(ctx.t("您的角色只能查看签到情况，不能为群众签到。", "Your role can see the check-in figures but not check people in."), cls: "warning")
            : H.el("form", [("method", "post"), ("action", SiteURL.registrations(.staffCheckIn(.id(activity.id!))).path), ("class", "stack checkin-form"), ("novalidate", "novalidate")], [
                Forms.csrfField(ctx),
                H.div("field", [
                    H.el("label", [("for", "f-code")], H.text(ctx.t("签到码", "Check-in code"))),
                    H.el("p", [("class", "hint"), ("id", "f-code-hint")], H.text(ctx.t("用扫码枪扫描，或输入群众签到码下方的字符；也可以用手机相机扫码打开。",
                                                                                        "Scan with a barcode scanner, type the characters under the code, or open it with a phone camera."))),
                    H.void("input", [("type", "text"), ("id", "f-code"), ("name", "code"), ("value", code), ("autocomplete", "off"),
                                     ("autofocus", "autofocus"), ("aria-describedby", "f-code-hint"), ("maxlength", "200")]),
                ]),
                H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("签到", "Check in"))),
            ]),
            H.p(ctx.t("为代报名的群众签到：在活动页面的报名名单中核对姓名。", "For proxy registrations, check the name on the activity's registration list."), cls: "hint"),
        ]
        let crumbs = StaffPage.crumbs(ctx, [(ctx.t("活动管理", "Activities"), SiteURL.activities(.staffIndex).path),
                                            (activity.title, SiteURL.activities(.staffShow(.id(activity.id!))).path), (ctx.t("签到", "Check-in"), nil)])
        let status: HTTPResponseStatus = result.map { $0.outcome.isSuccess ? .ok : .conflict } ?? .ok
        return Layout.response(Layout.page(ctx, title: title, area: .staff, crumbs: crumbs, content), status: status)
    }
}
