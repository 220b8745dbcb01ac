import Fluent
import Foundation
import KPIMetrics
import Vapor

/// One activity's report: the deadline, what the platform recorded, the form, and once filed,
/// where it is on its way to the cloud (R4.5).
enum ActivityReportController {
    @Sendable static func show(req: Request) async throws -> Response {
        let activity = try await StaffActivitiesController.scoped(req)
        var input = ReportInput()
        let recorded = try await ReportDesk.recorded(activity, on: req.db)
        input.attendance = String(recorded.inPerson)
        input.online = "0"
        return try await render(req, activity, input: input, errors: [:])
    }

    @Sendable static func file(req: Request) async throws -> Response {
        let staff = try req.staff()
        let activity = try await StaffActivitiesController.forWrite(req)
        struct Form: Content { var attendance: String?; var online: String?; var summary: String?; var excessReason: String?; var photo: File? }
        let form = try req.content.decode(Form.self)
        let input = ReportInput(attendance: form.attendance, online: form.online, summary: form.summary, excessReason: form.excessReason)
        do {
            let report = try await ReportDesk.file(activity, input, photo: form.photo, by: staff, settings: req.settings, now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, report.isLate ? "已上报（晚于截止时间，会计为逾期上报）。平台会自动推送到文旅云，接收后这里会显示回执号。"
                                         : "已按时上报。平台会自动推送到文旅云，接收后这里会显示回执号。",
                      report.isLate ? "Reported (after the deadline: it counts as late). It is sent to the cloud automatically; the receipt shows here."
                                    : "Reported on time. It is sent to the cloud automatically; the receipt shows here.")
            return req.redirect(to: SiteURL.reporting(.activityReport(.id(activity.id!))).path)
        } catch AppError.invalid(let errors) {
            return try await render(req, activity, input: input, errors: errors, status: .unprocessableEntity)
        } catch let error as AppError {
            guard case .conflict = error else { throw error }
            return try await render(req, activity, input: input, errors: [:], problem: error.message(req.lang), status: .conflict)
        }
    }

    @Sendable static func resend(req: Request) async throws -> Response {
        let activity = try await StaffActivitiesController.forWrite(req)
        guard let report = try await ActivityReport.query(on: req.db).filter(\.$activity.$id == activity.requireID()).first() else {
            throw AppError.conflict(zh: "这场活动还没有上报，没有可以重新推送的内容。", en: "This activity has not been reported yet; there is nothing to send again.")
        }
        try await ReportDesk.resend(report, now: req.now, on: req.db)
        Flash.set(req, "已重新排队推送。", "Queued to be sent again.")
        return req.redirect(to: SiteURL.reporting(.activityReport(.id(activity.id!))).path)
    }

    static func render(_ req: Request, _ a: Activity, input: ReportInput, errors: FieldErrors, problem: String? = nil,
                       status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let report = try await ActivityReport.query(on: req.db).filter(\.$activity.$id == a.requireID()).first()
        let recorded = try await ReportDesk.recorded(a, on: req.db)
        let due = a.reportDueAt ?? ReportDeadline.due(endsAt: a.endsAt, rule: req.settings.reportingRule, timeZone: time.timeZone)
        let state = ReportState.of(deadline: due, submittedAt: report?.submittedAt, now: req.now)
        let title = ctx.t("上报文旅云", "Report to the culture cloud")
        var body: [HNode] = [
            H.h1(title + " · " + a.title),
            problem.map { Forms.problem($0) } ?? H.empty,
            H.facts([
                (ctx.t("活动时间", "When"), H.text(time.dateTime(a.startsAt) + " – " + DisplayTime.clock(time.minuteOfDay(a.endsAt)))),
                (ctx.t("上报截止", "Report due"), H.text(time.dateTime(due.addingTimeInterval(-60)))),
                (ctx.t("状态", "State"), ReportView.stateBadge(ctx, state)),
                (ctx.t("平台记录", "Recorded here"), H.text(ctx.t("扫码签到 \(recorded.checkedIn) 人", "\(recorded.checkedIn) checked in")
                    + (recorded.headcount.map { ctx.t("，登记到场 \($0) 人", ", headcount \($0)") } ?? "") + ctx.t("；容量 \(a.capacity) 人", "; capacity \(a.capacity)"))),
            ]),
        ]
        if let report {
            body.append(ReportView.filed(ctx, report, time: time, canResend: staff.role.may(.editRegistry), activityID: a.id!))
        } else if a.status != .published {
            body.append(H.p(ctx.t("活动已取消，不需要上报。", "The activity was cancelled; there is nothing to report."), cls: "hint"))
        } else if !a.hasEnded(at: req.now) {
            body.append(H.p(ctx.t("活动结束后才能上报。截止时间见上。", "Report once the activity has ended; the deadline is above."), cls: "hint"))
        } else if staff.role.may(.editRegistry) {
            body.append(form(ctx, a, input: input, errors: errors))
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [
            (ctx.t("活动管理", "Activities"), SiteURL.activities(.staffIndex).path), (a.title, SiteURL.activities(.staffShow(.id(a.id!))).path), (title, nil)]), body)
        return Layout.response(html, status: status)
    }

    static func form(_ ctx: PageContext, _ a: Activity, input: ReportInput, errors: FieldErrors) -> HNode {
        let fields = [
            FormField(name: "attendance", label: ctx.t("现场参加人数", "In-person attendance"), kind: .number, value: input.attendance ?? "", error: errors["attendance"],
                      hint: ctx.t("已按扫码签到和登记的到场人数填好；如实际更多，请修改并说明原因。", "Filled in from check-ins and the headcount; if more came, change it and say why."),
                      required: true, inputmode: "numeric"),
            FormField(name: "online", label: ctx.t("线上观看人数", "Online viewers"), kind: .number, value: input.online ?? "", error: errors["online"],
                      hint: ctx.t("直播或线上参与的人数，没有填 0。", "Live-stream or online participants; 0 if none."), inputmode: "numeric"),
            FormField(name: "summary", label: ctx.t("活动简报", "Summary"), kind: .textarea, value: input.summary ?? "", error: errors["summary"],
                      hint: ctx.t("时间、地点、内容、参与群众反响，\(ReportDesk.maxSummary) 字以内。", "What happened and how people responded, up to \(ReportDesk.maxSummary) characters."),
                      required: true, maxLength: ReportDesk.maxSummary),
            FormField(name: "excessReason", label: ctx.t("人数超出的原因（如有）", "Why the figure is higher (if it is)"), value: input.excessReason ?? "", error: errors["excessReason"],
                      hint: ctx.t("上报人数超过活动容量或平台记录时必填，报告会标记供考核核查。", "Required when the figure is above the capacity or what was recorded; the report is flagged."), maxLength: 300),
        ]
        let photo = FormField(name: "photo", label: ctx.t("现场照片（选填）", "Photo (optional)"), kind: .photo, error: errors["photo"],
                              hint: ctx.t("JPEG、PNG 或 WebP，不超过 5 MB。活动照片和到场人数照片会一并上报。", "JPEG, PNG or WebP up to 5 MB. The activity's photos are sent too."))
        let html = Forms.form(ctx, action: SiteURL.reporting(.activityReport(.id(a.id!))).path, fields: fields + [photo], submit: ctx.t("提交上报", "File the report"))
        return H.section(labelledBy: "report-form", title: ctx.t("填写上报内容", "The report"), [html])
    }
}
