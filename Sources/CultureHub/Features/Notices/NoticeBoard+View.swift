import Plot

enum NoticeBoardView {
    static func render(_ ctx: PageContext, _ m: NoticeBoardPage) -> String {
        let title = ctx.t("免费开放公示", "Free-opening notices")
        let showOptions = [
            FormField.Option(value: "", label: ctx.t("全部场馆", "All venues")),
            FormField.Option(value: "missing", label: ctx.t("只看缺少公示的", "Missing a notice")),
            FormField.Option(value: "current", label: ctx.t("只看已公示的", "With a current notice")),
        ]
        return Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("全市公共文化场馆免费开放的项目、内容和时间。没有现行公示的场馆以红色标出，请主管部门督促整改。",
                      "What each public venue offers free, and when. Venues without a current notice are flagged in red for follow-up."), cls: "lead"),
            H.el("p", [("class", "summary")], [
                H.text(ctx.t("共 \(m.totalVenues) 个场馆，", "\(m.totalVenues) venues; ")),
                H.el("strong", [("class", m.missingCount > 0 ? "text-alert" : nil)],
                     H.text(ctx.t("\(m.missingCount) 个缺少现行公示", "\(m.missingCount) without a current notice"))),
            ]),
            H.el("div", [("role", "search"), ("aria-label", ctx.t("公示筛选", "Notice filters"))], [
                Forms.form(ctx, action: SiteURL.notices(.index).path, fields: [
                    FormField(name: "township", label: ctx.t("乡镇（街道）", "Township"), kind: .select(m.townships), value: m.township),
                    FormField(name: "show", label: ctx.t("公示状态", "Notice status"), kind: .select(showOptions), value: m.show),
                ], submit: ctx.t("筛选", "Filter"), method: "get", cls: "filters"),
            ]),
            m.rows.isEmpty
                ? Tables.empty(m.show == "missing"
                    ? ctx.t("所选范围内的场馆都已发布现行公示。", "Every venue in this selection has a current notice.")
                    : ctx.t("所选范围内没有场馆。", "No venue in this selection."))
                : Tables.table(caption: title, headers: [
                    ctx.t("场馆", "Venue"), ctx.t("乡镇（街道）", "Township"), ctx.t("免费项目", "Free services"),
                    ctx.t("开放时间", "Hours"), ctx.t("有效期", "Valid"),
                ], rows: m.rows.map { row in
                    guard let n = row.notice else {
                        return [H.a(row.venueName, href: SiteURL.venues(.show(.id(row.venueID))).path), H.text(row.township.orDash),
                                H.el("span", [("class", "badge badge-alert")], H.text(ctx.t("无现行公示", "No current notice"))),
                                H.text("—"), H.text("—")]
                    }
                    return [H.a(row.venueName, href: SiteURL.venues(.show(.id(row.venueID))).path), H.text(row.township.orDash),
                            H.text(n.freeItems), H.text(n.hoursText), H.text(n.validity)]
                }, captionHidden: true),
            m.pagination.render(ctx) { page in
                SiteURL.notices(.index).with([("township", m.township), ("show", m.show), ("page", page > 1 ? String(page) : nil)])
            },
        ])
    }
}
