import Fluent
import Foundation
import KPIMetrics
import Vapor

/// `/evaluation`: published rankings for everyone (R8.2). Only published runs exist here.
enum PublicEvaluationController {
    @Sendable static func index(req: Request) async throws -> Response {
        let ctx = PageContext(req)
        let page = max(1, req.query[Int.self, at: "page"] ?? 1)
        let query = EvaluationRun.query(on: req.db).filter(\.$status == .published)
        let total = try await query.count()
        let runs = try await query.sort(\.$publishedAt, .descending).range((page - 1) * 20..<(page * 20)).all()
        let title = ctx.t("公共文化服务绩效考核结果", "Public culture service evaluation results")
        let html = Layout.page(ctx, title: title, crumbs: [Layout.Crumb(title: ctx.t("首页", "Home"), url: SiteURL.home.path), Layout.Crumb(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("市文广旅体局按月、季度、年度考核各乡镇（街道）综合文化站和市直文化场馆的服务实效（开放、活动、参与、满意度等），结果发布后在此公开。",
                      "The bureau evaluates every township and city venue by month, quarter and year on what they delivered; published results appear here."), cls: "lead"),
            runs.isEmpty ? Tables.empty(ctx.t("还没有发布的考核结果。", "No results have been published yet."))
                : H.ul(runs.map { run in
                    H.group(H.a(EvaluationFormat.periodText(run.periodType, run.periodKey, ctx.lang) + ctx.t("考核结果", " results"), href: SiteURL.evaluation(.publishedRun(.id(run.id!))).path),
                            H.text(run.publishedAt.map { " · " + ctx.t("发布于 ", "published ") + DisplayTime.day($0, in: req.displayTime.timeZone) } ?? ""))
                }),
            Pagination(page: page, per: 20, total: total).render(ctx) { SiteURL.evaluation(.published).with([("page", String($0))]) },
        ])
        return Layout.response(html)
    }

    @Sendable static func show(req: Request) async throws -> Response {
        let data = try await EvaluationRunData.loadPublished(try req.id(), on: req.db)
        let ctx = PageContext(req)
        let title = EvaluationRunView.title(ctx, data.run)
        let html = Layout.page(ctx, title: title, crumbs: [Layout.Crumb(title: ctx.t("首页", "Home"), url: SiteURL.home.path),
                                                          Layout.Crumb(title: ctx.t("考核结果", "Evaluation results"), url: SiteURL.evaluation(.published).path), Layout.Crumb(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("满分 \(data.scheme.total) 分；统计区间 \(data.period.firstDay) 至 \(data.period.lastDay)。得分由开放时长、场地利用率、活动开展、群众参与、满意率、上报及时率等指标计算，并扣除督查问题和查实投诉。",
                      "Out of \(data.scheme.total); \(data.period.firstDay) to \(data.period.lastDay). Scores come from opening hours, space use, activities, participation, satisfaction and reporting, less inspection findings and upheld complaints.")),
            EvaluationRunView.rankings(ctx, data, kind: .township, staff: nil, link: { _ in "" }),
            EvaluationRunView.rankings(ctx, data, kind: .venue, staff: nil, link: { _ in "" }),
        ])
        return Layout.response(html)
    }
}
