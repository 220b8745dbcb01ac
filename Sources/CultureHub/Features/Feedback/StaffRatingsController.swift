import Fluent
import Foundation
import Vapor

/// Ratings of the venues and activities in scope, lowest first by default, so an angry
/// comment is seen early; abusive comments can be hidden with a reason (R5.1).
enum StaffRatingsController {
    @Sendable static func index(req: Request) async throws -> Response {
        let staff = try req.staff()
        let ctx = PageContext(req, hasForm: true)
        let time = req.displayTime
        let score = req.query[Int.self, at: "score"].flatMap { Score.range.contains($0) ? $0 : nil }
        let show = req.query[String.self, at: "show"] ?? "comments"
        let query = staff.scope.filter(Rating.query(on: req.db)).with(\.$account).with(\.$venue).with(\.$activity)
        if let score { query.filter(\.$score == score) }
        switch show {
        case "hidden": query.filter(\.$hiddenReason != nil)
        case "all": break
        default: query.filter(\.$comment != "")
        }
        let page = try await query.sort(\.$createdAt, .descending).paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let rows: [[HNode]] = page.items.map { r in
            let target = r.activity.map { H.a($0.title, href: SiteURL.activities(.show(.id($0.id!))).path) } ?? H.a(r.venue.name, href: SiteURL.venues(.show(.id(r.venue.id!))).path)
            let text: HNode = r.isHidden ? H.group(H.text(r.comment), H.p(ctx.t("已隐藏：", "Hidden: ") + (r.hiddenReason ?? ""), cls: "hint")) : H.text(r.comment.orDashIfEmpty)
            let action: HNode
            if !staff.role.may(.editRegistry) || r.comment.isEmpty {
                action = H.empty
            } else if r.isHidden {
                action = Forms.actionButton(ctx, action: SiteURL.feedback(.staffRatingRestore(.id(r.id!))).path, title: ctx.t("恢复显示", "Show again"))
            } else {
                action = H.el("form", [("method", "post"), ("action", SiteURL.feedback(.staffRatingHide(.id(r.id!))).path), ("class", "inline")], [
                    Forms.csrfField(ctx),
                    H.el("label", [("for", "hide-\(r.id!)")], H.text(ctx.t("隐藏原因：", "Reason: "))),
                    H.void("input", [("type", "text"), ("name", "reason"), ("id", "hide-\(r.id!)"), ("maxlength", "100"), ("required", "required")]),
                    H.el("button", [("type", "submit"), ("class", "button small danger")], H.text(ctx.t("隐藏评论", "Hide comment"))),
                ])
            }
            return [target, H.text(r.activity == nil ? ctx.t("场馆", "Venue") : r.venue.name), H.text("\(r.score)"), text,
                    H.text(PersonalData.name(r.account.displayName)), H.text(time.dateTime(r.createdAt)), action]
        }
        let title = ctx.t("群众评价", "Ratings")
        let filterLink: (String, String?, String) -> HNode = { label, value, key in
            H.a(label, href: SiteURL.feedback(.staffRatings).with([("show", key == "show" ? value : show), ("score", key == "score" ? value : score.map(String.init))]), cls: "button small")
        }
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(title, nil)]), [
            H.h1(title),
            H.p(ctx.t("管辖范围内的活动和场馆收到的评价，最新的在前。隐藏评论需写明原因，原因会公开显示；评分照常计入满意率。",
                      "Ratings of activities and venues in your scope, newest first. Hiding a comment needs a reason, shown publicly; the score still counts."), cls: "lead"),
            H.el("p", [("class", "filters")], [
                filterLink(ctx.t("有文字的", "With comments"), "comments", "show"), H.text(" "),
                filterLink(ctx.t("全部", "All"), "all", "show"), H.text(" "),
                filterLink(ctx.t("已隐藏", "Hidden"), "hidden", "show"), H.text(" · "),
            ] + Score.range.map { filterLink(ctx.t("\($0) 分", "\($0)/5"), String($0), "score") } + [H.text(" "), filterLink(ctx.t("不限分数", "Any score"), nil, "score")]),
            rows.isEmpty ? Tables.empty(ctx.t("没有符合条件的评价。", "No ratings match."))
                : Tables.table(caption: title, headers: [ctx.t("评价对象", "About"), ctx.t("场馆", "Venue"), ctx.t("评分", "Score"), ctx.t("评论", "Comment"),
                                                       ctx.t("评价人", "By"), ctx.t("时间", "When"), ctx.t("操作", "Action")], rows: rows),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                SiteURL.feedback(.staffRatings).with([("show", show), ("score", score.map(String.init)), ("page", String($0))])
            },
        ])
        return Layout.response(html)
    }

    @Sendable static func hide(req: Request) async throws -> Response {
        let (staff, rating) = try await forWrite(req)
        struct Form: Content { var reason: String? }
        do {
            try await RatingDesk.hide(rating, reason: try req.content.decode(Form.self).reason ?? "", staffID: staff.account.requireID(),
                                      now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, "评论已隐藏，公开页面显示隐藏原因，评分仍计入统计。", "Comment hidden; the public page shows your reason and the score still counts.")
        } catch AppError.invalid(let errors) {
            Flash.set(req, errors["reason"] ?? "", errors["reason"] ?? "")
        }
        return req.redirect(to: SiteURL.feedback(.staffRatings).path)
    }

    @Sendable static func restore(req: Request) async throws -> Response {
        let (_, rating) = try await forWrite(req)
        try await RatingDesk.restore(rating, on: req.db)
        Flash.set(req, "评论已恢复公开显示。", "The comment is shown again.")
        return req.redirect(to: SiteURL.feedback(.staffRatings).with([("show", "hidden")]))
    }

    private static func forWrite(_ req: Request) async throws -> (Staff, Rating) {
        (try req.staff(), try await req.scopedRecord(Rating.self, toWrite: .handleFeedback))
    }
}
