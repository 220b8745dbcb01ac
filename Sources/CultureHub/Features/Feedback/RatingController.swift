import Fluent
import Foundation
import Vapor

/// Public rating pages and the rating form's target (R5.1).
enum RatingController {
    struct Form: Content { var score: String?; var comment: String? }

    @Sendable static func rateActivity(req: Request) async throws -> Response {
        let id = try req.id()
        return try await rate(req, .activity(id), back: SiteURL.activities(.show(.id(id))).path) { errors, problem, form in
            try await ActivityController.render(req, places: "1", errors: [:], problem: nil, rating: (form, errors, problem))
        }
    }

    @Sendable static func rateVenue(req: Request) async throws -> Response {
        let id = try req.id()
        return try await rate(req, .venue(id), back: SiteURL.venues(.show(.id(id))).path) { errors, problem, form in
            var page = try await VenueShowPage.build(req)
            page.ratings.scoreInput = form.score ?? ""
            page.ratings.commentInput = form.comment ?? ""
            page.ratings.errors = errors
            page.ratings.problem = problem
            let status: HTTPResponseStatus = problem != nil ? .conflict : .unprocessableEntity
            return Layout.response(VenueShowView.render(PageContext(req, hasForm: true), page), status: status)
        }
    }

    /// Saves and redirects back to the page's rating section, or re-renders the page with the errors.
    private static func rate(_ req: Request, _ target: RatingTarget, back: String,
                             rerender: (FieldErrors, String?, Form) async throws -> Response) async throws -> Response {
        guard let account = req.auth.get(Account.self) else {
            return req.redirect(to: SiteURL.login.with([("next", back)]))
        }
        let form = try req.content.decode(Form.self)
        do {
            try await req.countFeedback(by: account)
            let (_, created) = try await RatingDesk.rate(target, account: account, score: form.score, comment: form.comment,
                                                         now: req.now, lang: req.lang, on: req.db)
            Flash.set(req, created ? "谢谢您的评价！评价已公开显示，7 天内可以修改。" : "评价已修改。",
                      created ? "Thank you! Your rating is shown publicly and can be changed for 7 days." : "Your rating was updated.")
            return req.redirect(to: back + "#ratings")
        } catch AppError.invalid(let errors) {
            return try await rerender(errors, nil, form)
        } catch let error as AppError {
            switch error {
            case .conflict: return try await rerender([:], error.message(req.lang), form)
            case .tooManyRequests:
                let response = try await rerender([:], error.message(req.lang), form)
                response.status = .tooManyRequests
                return response
            default: throw error
            }
        }
    }

    /// Every rating of an activity or venue, newest first, 20 a page.
    @Sendable static func activityRatings(req: Request) async throws -> Response {
        guard let activity = try await Activity.find(req.id(), on: req.db) else { throw AppError.notFound }
        let query = Rating.query(on: req.db).filter(\.$targetKey == RatingTarget.activity(activity.id!).key)
        return try await list(req, title: activity.title, back: SiteURL.activities(.show(.id(activity.id!))).path,
                              summary: RatingSummary.of(.activity(activity.id!), on: req.db), query: query)
    }

    @Sendable static func venueRatings(req: Request) async throws -> Response {
        guard let venue = try await Venue.find(req.id(), on: req.db) else { throw AppError.notFound }
        let query = Rating.query(on: req.db).filter(\.$venue.$id == venue.id!)
        return try await list(req, title: venue.name, back: SiteURL.venues(.show(.id(venue.id!))).path,
                              summary: RatingSummary.ofVenue(venue.id!, on: req.db), query: query)
    }

    private static func list(_ req: Request, title: String, back: String, summary: RatingSummary, query: QueryBuilder<Rating>) async throws -> Response {
        let ctx = PageContext(req)
        let time = req.displayTime
        let withComment = req.query[String.self, at: "comments"] == "1"
        if withComment { query.filter(\.$comment != "") }
        let page = try await query.with(\.$account).with(\.$activity).sort(\.$createdAt, .descending)
            .paginate(PageRequest(page: max(1, req.query[Int.self, at: "page"] ?? 1), per: 20))
        let heading = ctx.t("\(title)的评价", "Ratings of \(title)")
        let items = page.items.map { r in
            RatingPanel.commentItem(ctx, RatingPanel.comment(r, time: time),
                                    extra: r.activity.map { H.p(ctx.t("活动：", "Activity: ") + $0.title, cls: "hint") } ?? H.empty)
        }
        let html = Layout.page(ctx, title: heading, crumbs: [.init(title: ctx.t("首页", "Home"), url: "/"), .init(title: title, url: back), .init(title: ctx.t("评价", "Ratings"), url: nil)], [
            H.h1(heading),
            RatingPanel.summary(ctx, summary.histogram),
            H.el("p", [], [H.a(withComment ? ctx.t("显示全部评分", "Show all ratings") : ctx.t("只看有文字的评价", "Only ratings with a comment"),
                               href: req.url.path + (withComment ? "" : "?comments=1"), cls: "button")]),
            items.isEmpty ? Tables.empty(ctx.t("还没有评价。参加活动并签到后，就可以来评价。", "No ratings yet. Check in to an activity, then come back to rate it."))
                : H.el("ul", [("class", "comments")], items),
            Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total).render(ctx) {
                req.url.path + "?page=\($0)" + (withComment ? "&comments=1" : "")
            },
        ])
        return Layout.response(html)
    }
}
