import Foundation
import KPIMetrics

/// Pieces shared by the order list and the order page.
enum OrderView {
    static func statusBadge(_ ctx: PageContext, _ o: ServiceOrder, now: Date) -> HNode {
        if o.isOverdue(at: now) { return H.span(ctx.t("超期未受理", "Overdue"), cls: "status-overdue") }
        let tone = switch o.status {
        case .pending, .proposed: "warn"
        case .accepted, .delivered: "ok"
        case .declined, .withdrawn, .cancelled: "neutral"
        }
        return H.badge(o.status.label(ctx.lang), tone: tone)
    }

    static func stats(_ ctx: PageContext, _ s: OrderServiceResult, year: String) -> HNode {
        H.section(labelledBy: "order-stats", title: ctx.t("\(year) 年点单响应与完成情况", "Order response and fulfilment, \(year)"), [
            H.facts([
                (ctx.t("超期未受理", "Overdue, unanswered"), s.overdue > 0 ? H.span(ctx.t("\(s.overdue) 单", "\(s.overdue)"), cls: "status-overdue") : H.text(ctx.t("0 单", "0"))),
                (ctx.t("按期受理率", "Answered on time"), H.text(s.onTimeRate.map { percentText($0) + ctx.t("（\(s.decidedOnTime)/\(s.decided)）", " (\(s.decidedOnTime)/\(s.decided))") } ?? ctx.t("暂无已答复的点单", "No answers yet"))),
                (ctx.t("受理用时（中位数）", "Time to answer (median)"), H.text(s.medianResponseHours.map { hoursText(ctx, $0) } ?? "—")),
                (ctx.t("送达率", "Delivered"), H.text(s.fulfilmentRate.map { percentText($0) + ctx.t("（到期 \(s.due) 单中已确认送达 \(s.delivered) 单）", " (\(s.delivered) of \(s.due) due)") } ?? ctx.t("暂无到期的点单", "None due yet"))),
            ]),
        ])
    }

    static func hoursText(_ ctx: PageContext, _ hours: Double) -> String {
        hours < 48 ? ctx.t(String(format: "%.0f 小时", hours), String(format: "%.0f hours", hours))
                   : ctx.t(String(format: "%.1f 天", hours / 24), String(format: "%.1f days", hours / 24))
    }
}
