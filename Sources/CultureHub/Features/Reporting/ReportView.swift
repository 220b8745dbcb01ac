import Foundation
import KPIMetrics

enum ReportView {
    static func stateBadge(_ ctx: PageContext, _ state: ReportState) -> HNode {
        switch state {
        case .onTime: H.badge(ctx.t("按时上报", "On time"), tone: "ok")
        case .late: H.badge(ctx.t("逾期上报", "Late"), tone: "warn")
        case .missing: H.span(ctx.t("逾期未报", "Overdue, not filed"), cls: "status-overdue")
        case .notDue: H.badge(ctx.t("待上报", "To file"), tone: "neutral")
        }
    }

    static func deliveryBadge(_ ctx: PageContext, _ r: ActivityReport) -> HNode {
        let tone = switch r.delivery { case .accepted: "ok"; case .queued, .outbox: "neutral"; case .failed: "warn" }
        return H.badge(r.delivery.label(ctx.lang), tone: tone)
    }

    static func filed(_ ctx: PageContext, _ r: ActivityReport, time: DisplayTime, canResend: Bool, activityID: UUID) -> HNode {
        H.section(labelledBy: "filed", title: ctx.t("已上报的内容", "What was reported"), [
            H.facts([
                (ctx.t("上报时间", "Filed"), H.text(time.dateTime(r.submittedAt))),
                (ctx.t("现场参加", "In person"), H.text(ctx.t("\(r.attendance) 人", "\(r.attendance)"))),
                (ctx.t("线上观看", "Online"), H.text(ctx.t("\(r.onlineAttendance) 人", "\(r.onlineAttendance)"))),
                (ctx.t("超出原因", "Why higher"), r.flagged ? H.group(H.badge(ctx.t("已标记核查", "Flagged"), tone: "warn"), H.text(" " + r.excessReason)) : H.text("—")),
                (ctx.t("简报", "Summary"), H.text(r.summary)),
                (ctx.t("照片", "Photo"), r.photoPath.map { H.a(ctx.t("查看", "View"), href: SiteURL.staffUpload($0).path) } ?? H.text("—")),
                (ctx.t("推送", "Delivery"), deliveryBadge(ctx, r)),
                (ctx.t("文旅云回执", "Receipt"), H.text(r.receipt.map { $0 + " · " + (r.acceptedAt.map(time.dateTime) ?? "") } ?? "—")),
            ]),
            r.delivery == .outbox ? H.p(ctx.t("未配置文旅云地址（CLOUD_URL），报告已写入服务器的 outbox 文件夹，请按规定上传。",
                                              "No cloud address (CLOUD_URL) is set: the report was written to the server's outbox folder for upload."), cls: "hint") : H.empty,
            r.delivery == .failed && canResend ? Forms.actionButton(ctx, action: SiteURL.reporting(.activityReportResend(.id(activityID))).path, title: ctx.t("重新推送", "Send again")) : H.empty,
        ])
    }
}
