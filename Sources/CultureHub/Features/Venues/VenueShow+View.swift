import Foundation
import Plot

enum VenueShowView {
    static func render(_ ctx: PageContext, _ m: VenueShowPage) -> String {
        Layout.page(ctx, title: m.name, crumbs: [
            .init(title: ctx.t("首页", "Home"), url: "/"),
            .init(title: ctx.t("场馆查询", "Venues"), url: SiteURL.venues(.index).path),
            .init(title: m.name, url: nil),
        ], [
            H.h1(m.name),
            H.el("p", [("class", "tags")], [
                H.badge(m.type.label(ctx.lang), tone: "accent"),
                m.networkRole == .standalone ? H.empty : H.badge(m.networkRole.label(ctx.lang)),
                H.badge(m.status.label(ctx.lang), tone: m.status == .operating ? "ok" : "warn"),
            ]),
            m.intro.isEmpty ? H.empty : H.p(m.intro, cls: "lead"),
            H.div("two-col", [
                H.section(labelledBy: "basics", title: ctx.t("基本信息", "Basics"), [facts(ctx, m)]),
                H.section(labelledBy: "hours", title: ctx.t("开放时间", "Opening hours"), [hours(ctx, m)]),
            ]),
            H.section(labelledBy: "notice", title: ctx.t("免费开放公示", "Free-opening notice"), [notice(ctx, m)]),
            H.section(labelledBy: "access", title: ctx.t("无障碍设施", "Accessibility"), [
                m.facilities.isEmpty
                    ? H.p(ctx.t("该场馆尚未登记无障碍设施。如需帮助，请提前致电场馆。",
                                "No accessibility facilities are recorded. Please call ahead if you need help."))
                    : H.ul(m.facilities.map { H.text($0.label(ctx.lang)) }, cls: "check-list"),
            ]),
            H.section(labelledBy: "spaces", title: ctx.t("活动场地", "Spaces"), [
                m.spaces.isEmpty
                    ? H.p(ctx.t("暂无登记的活动场地。", "No spaces are recorded."))
                    : Tables.table(caption: ctx.t("\(m.name)的活动场地", "Spaces at \(m.name)"),
                                   headers: [ctx.t("名称", "Name"), ctx.t("类型", "Kind"), ctx.t("容纳人数", "Capacity"), ctx.t("可预约", "Bookable")],
                                   rows: m.spaces.map { [H.a($0.name, href: SiteURL.spaces(.show(.id($0.id))).path), H.text($0.kind.label(ctx.lang)), H.text(String($0.capacity)),
                                                         $0.bookable ? H.a(ctx.t("查看空闲时间并预约", "See free times and book"), href: SiteURL.spaces(.show(.id($0.id))).path)
                                                                     : H.text(ctx.t("不开放预约", "No"))] },
                                   captionHidden: true),
            ]),
            m.resources.isEmpty ? H.empty : H.section(labelledBy: "resources", title: ctx.t("特殊群体服务资源", "Resources for special groups"), [
                Tables.table(caption: ctx.t("特殊群体服务资源", "Resources for special groups"),
                             headers: [ctx.t("类别", "Kind"), ctx.t("数量（册/件）", "Quantity"), ctx.t("说明", "Note")],
                             rows: m.resources.map { [H.text($0.kind.label(ctx.lang)), H.text(String($0.quantity)), H.text($0.note)] },
                             captionHidden: true),
            ]),
            H.section(labelledBy: "upcoming", title: ctx.t("近期活动", "Upcoming activities"), [
                H.el("p", [], [H.a(ctx.t("查看本场馆的全部活动", "All activities at this venue"), href: SiteURL.activities(.index).with([("venue", m.id.uuidString)]), cls: "button"),
                               H.text(" "), H.a(ctx.t("订阅活动日历", "Subscribe to its calendar"), href: SiteURL.activities(.feed).with([("venue", m.id.uuidString)]))]),
            ]),
            RatingPanel.render(ctx, m.ratings, heading: ctx.t("群众评价", "Ratings")),
            SatisfactionPanel.render(ctx, m.satisfaction, heading: ctx.t("\(m.satisfaction.year) 年满意度", "Satisfaction in \(m.satisfaction.year)")),
            H.section(labelledBy: "complain", title: ctx.t("投诉与建议", "Complaints and suggestions"), [
                H.p(ctx.t("对这个场馆的服务有意见或建议？提交后由场馆的主管单位受理，一般 5 个工作日内答复。",
                          "Something to raise about this venue? Its managing unit takes it up and normally answers within 5 working days.")),
                H.a(ctx.t("提交投诉或建议", "Make a complaint or suggestion"), href: SiteURL.feedback(.complaintNew).with([("venue", m.id.uuidString)]), cls: "button"),
            ]),
            network(ctx, m),
        ])
    }

    static func facts(_ ctx: PageContext, _ m: VenueShowPage) -> HNode {
        var rows: [(String, HNode)] = [
            (ctx.t("层级", "Tier"), H.text(m.tier.label(ctx.lang))),
            (ctx.t("所在地区", "Area"), H.text([m.township, m.regionName == m.township ? nil : m.regionName].compactMap { $0 }.joined(separator: " · "))),
            (ctx.t("地址", "Address"), H.text(m.address)),
            (ctx.t("联系电话", "Phone"), m.phone.isEmpty ? H.text("—") : H.el("a", [("href", "tel:" + m.phone)], H.text(m.phone))),
        ]
        if let lat = m.latitude, let lng = m.longitude {
            let coords = String(format: "%.5f, %.5f", lat, lng)
            let map = "https://uri.amap.com/marker?position=\(String(format: "%.6f,%.6f", lng, lat))&name=\(m.name.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "")"
            rows.append((ctx.t("坐标", "Coordinates"), H.group(
                H.text(coords + " "),
                H.el("a", [("href", map), ("rel", "noopener")], H.text(ctx.t("在地图中查看", "Open in a map")))
            )))
        }
        return H.facts(rows)
    }

    static func hours(_ ctx: PageContext, _ m: VenueShowPage) -> HNode {
        H.group(
            Tables.table(caption: ctx.t("每周开放时间", "Weekly opening hours"),
                         headers: [ctx.t("星期", "Day"), ctx.t("时间", "Hours")],
                         rows: m.hours.map { [H.text($0.weekday.label(ctx.lang)), H.text($0.text ?? ctx.t("闭馆", "Closed"))] },
                         captionHidden: true),
            H.p(ctx.t("每周开放 \(String(format: "%.1f", m.weeklyHours)) 小时", "Open \(String(format: "%.1f", m.weeklyHours)) hours a week"), cls: "muted")
        )
    }

    static func notice(_ ctx: PageContext, _ m: VenueShowPage) -> HNode {
        guard let n = m.notice else {
            return H.p(ctx.t("该场馆目前没有有效的免费开放公示，已提醒场馆尽快发布。",
                             "This venue has no current free-opening notice; it has been flagged to publish one."), cls: "warning")
        }
        return H.el("article", [("class", "notice")], [
            H.h3(n.title),
            H.facts([
                (ctx.t("免费项目", "Free services"), H.text(n.freeItems)),
                (ctx.t("服务内容", "Details"), H.text(n.content)),
                (ctx.t("开放时间", "Hours"), H.text(n.hoursText)),
                (ctx.t("有效期", "Valid"), H.text(n.validity)),
            ]),
        ])
    }

    static func network(_ ctx: PageContext, _ m: VenueShowPage) -> HNode {
        guard m.parent != nil || !m.branches.isEmpty else { return H.empty }
        return H.section(labelledBy: "network", title: ctx.t("总分馆关系", "Main–branch network"), [
            m.parent.map { H.el("p", [], [H.text(ctx.t("上级馆：", "Parent venue: ")), H.a($0.name, href: SiteURL.venues(.show(.id($0.id))).path)]) } ?? H.empty,
            m.branches.isEmpty ? H.empty : H.group(
                H.p(ctx.t("下属分馆/服务点（\(m.branches.count)）：", "Branches and service points (\(m.branches.count)):")),
                H.ul(m.branches.map { H.a($0.name, href: SiteURL.venues(.show(.id($0.id))).path) }, cls: "columns")
            ),
        ])
    }
}
