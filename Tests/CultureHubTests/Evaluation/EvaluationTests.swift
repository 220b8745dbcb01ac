import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Schemes, runs, publication and the frozen snapshot (R8.1, R8.2), on both databases.
@Suite struct EvaluationTests {
    static let monthScheme: [(String, String)] = [
        ("total", "100"), ("w_satisfaction", "40"), ("t_satisfaction", "85"), ("w_specialGroupEvents", "30"), ("t_specialGroupEvents", "2"),
        ("w_openingHours", "30"), ("t_openingHours", "42"), ("d_inspectionFinding", "2"), ("dcap_inspectionFinding", "10"),
        ("d_upheldComplaint", "1"), ("dcap_upheldComplaint", "5"), ("d_integrityFlag", "1"), ("dcap_integrityFlag", "5"), ("note", "测试方案"),
    ]

    @Test func schemesAreValidatedAndVersioned() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let url = SiteURL.evaluation(.schemes("month")).path
            let first = try await admin.get(url)
            #expect(first.status == .ok && first.body.string.contains("当前为第 1 版"))
            var wrongSum = Self.monthScheme
            wrongSum[1] = ("w_satisfaction", "45")
            let notAdding = try await admin.post(url, wrongSum)
            let unknown = try await admin.post(url, Self.monthScheme + [("w_happiness", "10"), ("t_happiness", "1")])
            let badTarget = try await admin.post(url, Self.monthScheme.map { $0.0 == "t_satisfaction" ? ($0.0, "185") : $0 })
            let notAllowed = try await chengguan.post(url, Self.monthScheme)
            #expect(notAdding.status == .unprocessableEntity && notAdding.body.string.contains("各项分值合计 105 分，应等于总分 100 分"))
            #expect(unknown.status == .unprocessableEntity && unknown.body.string.contains("没有名为“happiness”的考核指标"))
            #expect(badTarget.status == .unprocessableEntity && badTarget.body.string.contains("目标值应在 0% 到 100% 之间"))
            #expect(notAllowed.status == .forbidden)
            #expect(try await EvaluationSchemeRecord.query(on: app.db).filter(\.$periodType == .month).count() == 1)
            let saved = try await admin.post(url, Self.monthScheme)
            #expect(saved.status == .seeOther)
            let current = try await EvaluationDesk.currentScheme(.month, now: Date(), on: app.db)
            let scheme = try current.scheme
            #expect(current.version == 2 && scheme.items.count == 3 && scheme.item(.satisfaction)?.target == 0.85)
        }
    }

    @Test func aMonthIsComputedReviewedPublishedAndFrozen() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            try await EvaluationFixture.seed(f, on: app.db)
            let admin = try await Browser.signedIn(app, as: "admin")
            let evaluator = try await Browser.signedIn(app, as: "evaluator")
            #expect(try await admin.post(SiteURL.evaluation(.schemes("month")).path, Self.monthScheme).status == .seeOther)
            let future = try await evaluator.post(SiteURL.evaluation(.runs).path, [("type", "month"), ("period", "2027-01")])
            let malformed = try await evaluator.post(SiteURL.evaluation(.runs).path, [("type", "month"), ("period", "2026-13")])
            #expect(future.status == .unprocessableEntity && future.body.string.contains("还没有开始"))
            #expect(malformed.status == .unprocessableEntity)
            #expect(try await EvaluationRun.query(on: app.db).count() == 0)
            let computed = try await evaluator.post(SiteURL.evaluation(.runs).path, [("type", "month"), ("period", "2026-10")])
            #expect(computed.status == .seeOther)
            let run = try #require(try await EvaluationRun.query(on: app.db).first())
            let results = try await EvaluationResult.query(on: app.db).filter(\.$run.$id == run.id!).all()
            let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.unitName, $0) })
            // 城关镇: 40 × (2/3)/0.85 + 30 × 1/2 + 30 × 40/42 = 74.94, less 2 + 1 + 1 deducted.
            #expect(byName["城关镇"]?.total == 70.94 && byName["城关镇"]?.rank == 1)
            // 米村镇: only its 48 opening hours and no special-group event: 30 of a possible 60.
            #expect(byName["米村镇"]?.total == 50 && byName["米村镇"]?.rank == 2)
            #expect(byName["新密市图书馆"]?.total == 0 && byName["新密市图书馆"]?.rank == 1)
            #expect(try await PublicEvaluationController.isHidden(run.id!, app))

            let runURL = SiteURL.evaluation(.run(.id(run.id!)))
            #expect(try await evaluator.post(SiteURL.evaluation(.runStep(.id(run.id!), "submit")).path, []).status == .seeOther)
            #expect(try await evaluator.post(SiteURL.evaluation(.runStep(.id(run.id!), "publish")).path, []).status == .forbidden)
            #expect(try await admin.post(SiteURL.evaluation(.runStep(.id(run.id!), "publish")).path, []).status == .seeOther)
            let page = try await admin.get(runURL.path).body.string
            #expect(page.contains("已发布") && page.contains("70.94"))
            let again = try await admin.post(SiteURL.evaluation(.runStep(.id(run.id!), "publish")).path, [])
            let recompute = try await admin.post(SiteURL.evaluation(.runStep(.id(run.id!), "recompute")).path, [])
            #expect(again.status == .conflict && recompute.status == .conflict)
            // Totals are public once published; the figures behind another township's total are not (issue #19).
            let township = try await Browser.signedIn(app, as: "chengguan")
            let printed = try await township.get(SiteURL.evaluation(.runPrint(.id(run.id!))).path).body.string
            #expect(printed.contains("城关镇：") && !printed.contains("米村镇："))
            let micunUnit = try #require(byName["米村镇"]).unitID
            #expect(try await township.get(SiteURL.evaluation(.runUnit(.id(run.id!), .id(micunUnit))).path).status == .notFound)

            // A rating added afterwards changes today's figures, never the snapshot.
            try await EvaluationFixture.rating(f.chengguanStation, score: 5, key: "after", at: EvaluationFixture.at("2026-10-30", 12), on: app.db)
            #expect(try await EvaluationResult.query(on: app.db).filter(\.$run.$id == run.id!).filter(\.$unitName == "城关镇").first()?.total == 70.94)
            let diff = try await admin.get(SiteURL.evaluation(.runDiff(.id(run.id!))).path).body.string
            #expect(diff.contains("群众满意率：66.7% → 75.0%"))

            // A second run of the same month cannot be published too.
            #expect(try await evaluator.post(SiteURL.evaluation(.runs).path, [("type", "month"), ("period", "2026-10")]).status == .seeOther)
            let second = try #require(try await EvaluationRun.query(on: app.db).filter(\.$status == .draft).first())
            #expect(try await evaluator.post(SiteURL.evaluation(.runStep(.id(second.id!), "submit")).path, []).status == .seeOther)
            let twice = try await admin.post(SiteURL.evaluation(.runStep(.id(second.id!), "publish")).path, [])
            #expect(twice.status == .conflict)
            #expect(try await EvaluationRun.query(on: app.db).filter(\.$status == .published).count() == 1)

            // Public rankings, drill-down, records and exports.
            let visitor = Browser(app)
            let publicPage = try await visitor.get(SiteURL.evaluation(.publishedRun(.id(run.id!))).path).body.string
            #expect(publicPage.contains("城关镇") && publicPage.contains("70.94"))
            #expect(try await visitor.get(SiteURL.evaluation(.publishedRun(.id(second.id!))).path).status == .notFound)
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let unit = try await chengguan.get(SiteURL.evaluation(.runUnit(.id(run.id!), .id(f.chengguan.id!))).path).body.string
            #expect(unit.contains("满意 2 / 有效评价 3") && unit.contains("每周 2400 分钟") && unit.contains("督查发现问题"))
            #expect(try await chengguan.get(SiteURL.evaluation(.runUnit(.id(run.id!), .id(f.micun.id!))).path).status == .notFound)
            let ratings = try await chengguan.get(SiteURL.evaluation(.runRecords(.id(run.id!), .id(f.chengguan.id!))).with([("show", "ratings")])).body.string
            #expect(ratings.contains("共 4 条"), "read live: the late rating shows, and the page says the count may differ")
            let special = try await chengguan.get(SiteURL.evaluation(.runRecords(.id(run.id!), .id(f.chengguan.id!))).with([("show", "special")])).body.string
            #expect(special.contains("共 1 条") && special.contains("培训活动"), "\(special.suffix(3000))")
            let csv = try await admin.get(SiteURL.evaluation(.runCSV(.id(run.id!))).path)
            #expect(csv.body.string.contains("城关镇,70.94"))
            let xlsx = try await admin.get(SiteURL.evaluation(.runXLSX(.id(run.id!))).path)
            #expect(xlsx.status == .ok && xlsx.body.readableBytes > 1000 && xlsx.headers.contentType?.subType == "vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            _ = clock
        }
    }
}

extension PublicEvaluationController {
    /// Whether a run's public page answers 404 (drafts and reviews are not public).
    static func isHidden(_ id: UUID, _ app: Application) async throws -> Bool {
        try await Browser(app).get(SiteURL.evaluation(.publishedRun(.id(id))).path).status == .notFound
    }
}
