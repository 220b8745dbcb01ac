import Foundation
import Vapor

/// The printable service-record certificate (志愿服务记录证明): hours, star level and honours,
/// laid out for A4 by the print stylesheet.
enum VolunteerCertificate {
    static func response(_ req: Request, record: VolunteerRecord, back: String) -> Response {
        let ctx = PageContext(req, hasForm: false)
        let time = req.displayTime
        let confirmed = record.shifts.filter { $0.hoursState == .confirmed }
        let title = ctx.t("志愿服务记录证明", "Volunteer service certificate")
        let byOrg = Dictionary(grouping: confirmed, by: { $0.org.name }).map { name, shifts in (name, shifts.reduce(0) { $0 + $1.minutes }, shifts.count) }.sorted { $0.1 > $1.1 }
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("返回", "Back"), url: back), .init(title: title, url: nil)], [
            H.el("article", [("class", "certificate")], [
                H.h1(title),
                H.p(ctx.t("兹证明 \(record.account.displayName) 同志参加文化志愿服务，记录如下：",
                          "This certifies that \(record.account.displayName) has given cultural volunteer service as follows:")),
                H.facts([
                    (ctx.t("累计服务时长", "Total confirmed hours"), H.text(ctx.t("\(VolunteerRecord.hours(record.confirmedMinutes)) 小时", "\(VolunteerRecord.hours(record.confirmedMinutes)) hours"))),
                    (ctx.t("服务次数", "Times served"), H.text(String(confirmed.count))),
                    (ctx.t("星级", "Star level"), H.text(VolunteerRecord.starText(record.stars, ctx.lang))),
                    (ctx.t("平均评价", "Average evaluation"), H.text(record.averageRating.map { String(format: "%.1f / 5", $0) } ?? ctx.t("暂无", "None yet"))),
                ]),
                byOrg.isEmpty ? H.p(ctx.t("尚无已确认的服务时长。", "No confirmed hours yet."))
                    : Tables.table(caption: ctx.t("按组织统计", "By organisation"), headers: [ctx.t("志愿服务组织", "Organisation"), ctx.t("时长（小时）", "Hours"), ctx.t("次数", "Times")],
                                   rows: byOrg.map { [H.text($0.0), H.text(VolunteerRecord.hours($0.1)), H.text(String($0.2))] }),
                record.honours.isEmpty ? H.empty : H.section(labelledBy: "cert-honours", title: ctx.t("荣誉表彰", "Honours"), [
                    H.ul(record.honours.map { H.text("\($0.awardedOn) \($0.title)（\($0.org.name)）") }),
                ]),
                H.p(ctx.t("星级按累计已确认的服务时长评定。本证明由新密市公共文化服务平台生成，开具日期：\(time.today)。",
                          "Stars follow cumulative confirmed hours. Issued by the public cultural service platform on \(time.today)."), cls: "hint"),
            ]),
            H.el("button", [("type", "button"), ("class", "button primary"), ("data-print", "1")], H.text(ctx.t("打印证明", "Print"))),
        ])
        return Layout.response(html)
    }
}
