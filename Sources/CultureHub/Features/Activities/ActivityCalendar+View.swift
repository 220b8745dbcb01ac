import Foundation
import Plot
import Scheduling

enum ActivityCalendarView {
    struct Model: Equatable {
        static func == (a: Model, b: Model) -> Bool {
            a.grid == b.grid && a.today == b.today && a.township == b.township && a.village?.id == b.village?.id && a.townships == b.townships && a.days == b.days
        }
        struct Item: Equatable { let id: UUID; let title: String; let time: String }
        var grid: MonthGrid
        var today: String
        var township: String?
        /// Set for one village's calendar: its id and name.
        var village: (id: String, name: String)?
        var townships: [FormField.Option]
        var days: [String: [Item]]
    }

    static func render(_ ctx: PageContext, _ m: Model) -> String {
        let title = (m.village.map { $0.name + ctx.t(" · ", " · ") } ?? "") + ctx.t("\(m.grid.year)年\(m.grid.month)月活动日历", "Activities in \(m.grid.key)")
        let weekdays = ctx.lang == .zh ? ["一", "二", "三", "四", "五", "六", "日"] : ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let link = { (y: Int, mo: Int) in SiteURL.activities(.calendar).with([("month", String(format: "%04d-%02d", y, mo)), ("township", m.township), ("village", m.village?.id)]) }
        let total = m.days.values.reduce(0) { $0 + $1.count }
        return Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"),
                                                        .init(title: ctx.t("文化活动", "Activities"), url: SiteURL.activities(.index).path),
                                                        .init(title: ctx.t("日历", "Calendar"), url: nil)], [
            H.h1(title),
            H.el("form", [("method", "get"), ("action", SiteURL.activities(.calendar).path), ("class", "filters")], [
                H.void("input", [("type", "hidden"), ("name", "month"), ("value", m.grid.key)]),
                m.village.map { H.void("input", [("type", "hidden"), ("name", "village"), ("value", $0.id)]) } ?? H.empty,
                Forms.field(FormField(name: "township", label: ctx.t("所在乡镇（街道）", "Township"), kind: .select(m.townships), value: m.township ?? ""), ctx),
                H.el("button", [("type", "submit"), ("class", "button")], H.text(ctx.t("筛选", "Filter"))),
            ]),
            H.el("nav", [("class", "month-nav"), ("aria-label", ctx.t("切换月份", "Change month"))], [
                H.a(ctx.t("‹ 上个月", "‹ Previous month"), href: link(m.grid.previous.year, m.grid.previous.month)), H.text(" "),
                H.a(ctx.t("下个月 ›", "Next month ›"), href: link(m.grid.next.year, m.grid.next.month)),
            ]),
            total == 0 ? Tables.empty(ctx.t("这个月还没有发布活动。可以看看下个月，或换个乡镇。", "No activities published this month. Try the next month or another township.")) : H.empty,
            H.div("table-wrap", H.el("table", [("class", "calendar")], [
                H.el("caption", [("class", "visually-hidden")], H.text(title)),
                H.el("thead", [], H.el("tr", [], weekdays.map { H.el("th", [("scope", "col")], H.text($0)) })),
                H.el("tbody", [], m.grid.weeks.map { week in
                    H.el("tr", [], week.map { day in
                        guard let day else { return H.el("td", [("class", "blank")], H.empty) }
                        let key = m.grid.day(day)
                        let items = m.days[key] ?? []
                        return H.el("td", [("class", key == m.today ? "today" : nil)], [
                            H.el("span", [("class", "day-number")], H.text(String(day))),
                            items.isEmpty ? H.empty : H.ul(items.prefix(4).map { H.a("\($0.time) \($0.title)", href: SiteURL.activities(.show(.id($0.id))).path) }, cls: "day-items"),
                            items.count > 4 ? H.a(ctx.t("还有 \(items.count - 4) 个", "\(items.count - 4) more"),
                                                  href: SiteURL.activities(.index).with([("from", key), ("township", m.township)]), cls: "more") : H.empty,
                        ])
                    })
                }),
            ])),
        ])
    }
}
