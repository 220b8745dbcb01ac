import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Improvement plans through the pages (R8.3), in the suite `Access/AccessMatrix` names for the plan routes.
extension ThirdPartyAndPlanTests {
    @Test func aTownshipFilesItsPlanWithMeasuresLinkedToIndicators() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let admin = try await Browser.signedIn(app, as: "admin")
            #expect(try await chengguan.post(SiteURL.evaluation(.plans).path, [("summary", "针对满意率未达标，提升服务。"), ("year", "2026")]).status == .seeOther)
            #expect(try await chengguan.post(SiteURL.evaluation(.plans).path, [("summary", "再来一份"), ("year", "2026")]).status == .unprocessableEntity)
            let plan = try #require(try await ImprovementPlan.query(on: app.db).first())
            #expect(plan.unitName == "城关镇")
            let noIndicator = try await chengguan.post(SiteURL.evaluation(.planMeasures(.id(plan.id!))).path, [("measure", "周末延长开放"), ("owner", "王站长"), ("deadline", "2026-12-31")])
            let unknown = try await chengguan.post(SiteURL.evaluation(.planMeasures(.id(plan.id!))).path, [("measure", "周末延长开放"), ("owner", "王站长"), ("deadline", "2026-12-31"), ("indicators[]", "happiness")])
            #expect(noIndicator.status == .unprocessableEntity && unknown.status == .unprocessableEntity && noIndicator.body.string.contains("请选择这条措施针对的考核指标"))
            let added = try await chengguan.post(SiteURL.evaluation(.planMeasures(.id(plan.id!))).path,
                                                 [("measure", "周末延长开放"), ("owner", "王站长"), ("deadline", "2026-12-31"), ("indicators[]", "openingHours"), ("indicators[]", "satisfaction")])
            #expect(added.status == .seeOther)
            let measure = try #require(try await ImprovementMeasure.query(on: app.db).first())
            #expect(measure.indicators == [.openingHours, .satisfaction])
            #expect(try await chengguan.post(SiteURL.evaluation(.measureProgress(.id(measure.id!))).path, [("progress", "60"), ("note", "已调整排班")]).status == .seeOther)
            #expect(try await ImprovementMeasure.find(measure.id, on: app.db)?.progress == 60)
            let micun = try await Browser.signedIn(app, as: "micun")
            #expect(try await micun.post(SiteURL.evaluation(.measureProgress(.id(measure.id!))).path, [("progress", "100")]).status == .forbidden)
            let overview = try await admin.get(SiteURL.evaluation(.plans).path).body.string
            #expect(overview.contains("城关镇") && overview.contains("已提交") && overview.contains("未提交") && overview.contains("60%"))
        }
    }
}
