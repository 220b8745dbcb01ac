import Plot

enum Tables {
    /// A data table with a caption and column headers (DESIGN §3 rule 9).
    static func table(caption: String, headers: [String], rows: [[HNode]], captionHidden: Bool = false) -> HNode {
        H.div("table-wrap", [
            H.el("table", [], [
                H.el("caption", [("class", captionHidden ? "visually-hidden" : nil)], H.text(caption)),
                H.el("thead", [], H.el("tr", [], headers.map { H.el("th", [("scope", "col")], H.text($0)) })),
                H.el("tbody", [], rows.map { row in H.el("tr", [], row.map { H.el("td", [], $0) }) }),
            ]),
        ])
    }

    /// Explains an empty list and says what to do next, instead of showing a bare table.
    static func empty(_ message: String, action: HNode = H.empty) -> HNode {
        H.div("empty-state", [H.p(message), action])
    }
}

/// Page numbers for a list; the links keep the list's filters.
struct Pagination: Equatable {
    let page: Int
    let per: Int
    let total: Int

    var pageCount: Int { max(1, (total + per - 1) / per) }

    func render(_ ctx: PageContext, link: (Int) -> String) -> HNode {
        guard pageCount > 1 else { return H.empty }
        var items: [HNode] = []
        if page > 1 { items.append(H.el("a", [("href", link(page - 1)), ("rel", "prev")], H.text(ctx.t("上一页", "Previous")))) }
        let window = Swift.max(1, page - 2)...Swift.min(pageCount, page + 2)
        for n in window {
            items.append(n == page
                ? H.el("span", [("aria-current", "page"), ("class", "current")], H.text(String(n)))
                : H.el("a", [("href", link(n)), ("aria-label", ctx.t("第 \(n) 页", "Page \(n)"))], H.text(String(n))))
        }
        if page < pageCount { items.append(H.el("a", [("href", link(page + 1)), ("rel", "next")], H.text(ctx.t("下一页", "Next")))) }
        return H.el("nav", [("class", "pagination"), ("aria-label", ctx.t("分页", "Pages"))], [
            H.span(ctx.t("共 \(total) 条，第 \(page)/\(pageCount) 页", "\(total) in all, page \(page) of \(pageCount)"), cls: "muted"),
        ] + items)
    }
}
