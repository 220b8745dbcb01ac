import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Evaluation through `/api/v1` (R8.1–R8.5): the same checks and answers as the pages, on both databases.
@Suite struct EvaluationAPITests {
    static let monthScheme = """
        {"periodType":"month","total":100,"note":"接口保存","items":[{"indicator":"satisfaction","weight":40,"target":0.85},
        {"indicator":"specialGroupEvents","weight":30,"target":2},{"indicator":"openingHours","weight":30,"target":42}],
        "deductions":[{"kind":"inspectionFinding","pointsEach":2,"cap":10},{"kind":"upheldComplaint","pointsEach":1,"cap":5},{"kind":"integrityFlag","pointsEach":1,"cap":5}]}
        """

    static func object(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
    }

    static func fields(_ response: TestingHTTPResponse) throws -> [String: String] {
        try #require((try object(response)["error"] as? [String: Any])?["fields"] as? [String: String])
    }

    @Test func schemesAndRunsFromComputeToPublishedSnapshot() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            try await EvaluationFixture.seed(f, on: app.db)
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))
            let evaluator = APIClient(app: app, token: try await Fixtures.token(for: "evaluator", on: app.db))
            let chengguan = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))

            let schemes = try await evaluator.send(.GET, "/api/v1/manage/evaluation/schemes")
            #expect(schemes.status == .ok && schemes.body.string.contains("\"periodType\":\"quarter\"") && schemes.body.string.contains("\"version\":1"))
            #expect(try await chengguan.send(.GET, "/api/v1/manage/evaluation/schemes").status == .forbidden)
            let wrongSum = try await evaluator.send(.POST, "/api/v1/evaluation/schemes", json: Self.monthScheme.replacingOccurrences(of: "\"weight\":40", with: "\"weight\":45"))
            let unknown = try await evaluator.send(.POST, "/api/v1/evaluation/schemes", json: Self.monthScheme.replacingOccurrences(of: "\"openingHours\"", with: "\"happiness\""))
            let badTarget = try await evaluator.send(.POST, "/api/v1/evaluation/schemes", json: Self.monthScheme.replacingOccurrences(of: "0.85", with: "1.85"))
            #expect(wrongSum.status == .unprocessableEntity)
            #expect(try Self.fields(wrongSum)["total"] == "各项分值合计 105 分，应等于总分 100 分。")
            #expect(try Self.fields(unknown)["items[2].indicator"] == "没有名为“happiness”的考核指标。")
            #expect(try Self.fields(badTarget)["items[0].target"]?.contains("0% 到 100%") == true)
            let huge = try await evaluator.send(.POST, "/api/v1/evaluation/schemes", json: Self.monthScheme.replacingOccurrences(of: "\"weight\":40", with: "\"weight\":1e300"))
            #expect(try Self.fields(huge)["items[0].weight"] == "分值不能超过 100000。")
            #expect(try await EvaluationSchemeRecord.query(on: app.db).filter(\.$periodType == .month).count() == 1)
            let saved = try await evaluator.send(.POST, "/api/v1/evaluation/schemes", json: Self.monthScheme)
            #expect(saved.status == .created && saved.body.string.contains("\"version\":2") && saved.body.string.contains("\"target\":0.85"))

            let future = try await evaluator.send(.POST, "/api/v1/evaluation/runs", json: #"{"periodType":"month","period":"2027-01"}"#)
            #expect(try Self.fields(future)["period"]?.contains("还没有开始") == true)
            let computed = try await evaluator.send(.POST, "/api/v1/evaluation/runs", json: #"{"periodType":"month","period":"2026-10"}"#)
            #expect(computed.status == .created && computed.body.string.contains("\"total\":70.94") && computed.body.string.contains("\"status\":\"draft\""))
            let runID = try #require((try Self.object(computed)["run"] as? [String: Any])?["id"] as? String)
            #expect(try await chengguan.send(.GET, "/api/v1/manage/evaluation/runs/\(runID)").status == .notFound, "a draft is the bureau's")
            #expect(try await chengguan.send(.GET, "/api/v1/manage/evaluation/runs").body.string.contains("\"total\":0"))
            #expect(try await evaluator.send(.POST, "/api/v1/evaluation/runs/\(runID)/recompute").status == .ok)
            #expect(try await evaluator.send(.POST, "/api/v1/evaluation/runs/\(runID)/submit").body.string.contains("\"status\":\"review\""))
            #expect(try await evaluator.send(.POST, "/api/v1/evaluation/runs/\(runID)/publish").status == .forbidden)
            let published = try await admin.send(.POST, "/api/v1/evaluation/runs/\(runID)/publish")
            #expect(published.status == .ok && published.body.string.contains("\"status\":\"published\""))
            let again = try await admin.send(.POST, "/api/v1/evaluation/runs/\(runID)/publish")
            let recompute = try await admin.send(.POST, "/api/v1/evaluation/runs/\(runID)/recompute")
            #expect(again.status == .conflict && recompute.status == .conflict && recompute.body.string.contains("已经发布"))

            let publicList = try await APIClient(app: app).send(.GET, "/api/v1/evaluation/runs?type=month")
            let publicRun = try await APIClient(app: app).send(.GET, "/api/v1/evaluation/runs/\(runID)")
            #expect(publicList.body.string.contains("\"total\":1") && publicRun.body.string.contains("\"unitName\":\"城关镇\"") && publicRun.body.string.contains("\"rank\":1"))
            #expect(try await APIClient(app: app).send(.GET, "/api/v1/evaluation/runs?status=nonsense").status == .unprocessableEntity)
            let unit = try await chengguan.send(.GET, "/api/v1/manage/evaluation/runs/\(runID)/units/\(f.chengguan.id!)")
            let unitBody = try Self.object(unit)
            #expect(unit.status == .ok && unitBody["total"] as? Double == 70.94 && (unitBody["inputs"] as? [String: Any])?["satisfiedRatings"] as? Int == 2)
            #expect(unit.body.string.contains("\"indicator\":\"satisfaction\"") && unit.body.string.contains("\"numerator\":2"))
            #expect(try await chengguan.send(.GET, "/api/v1/manage/evaluation/runs/\(runID)/units/\(f.micun.id!)").status == .notFound)

            // A rating added afterwards shows as a difference; the snapshot stays.
            try await EvaluationFixture.rating(f.chengguanStation, score: 5, key: "after", at: EvaluationFixture.at("2026-10-30", 12), on: app.db)
            let diff = try await admin.send(.GET, "/api/v1/manage/evaluation/runs/\(runID)/diff")
            #expect(diff.body.string.contains("\"indicator\":\"satisfaction\"") && diff.body.string.contains("\"today\":0.75") && diff.body.string.contains("\"publishedTotal\":70.94"))
            #expect(try await EvaluationResult.query(on: app.db).filter(\.$run.$id == UUID(uuidString: runID)!).filter(\.$unitName == "城关镇").first()?.total == 70.94)

            let gaps = try await chengguan.send(.GET, "/api/v1/manage/evaluation/shortfall?type=year")
            #expect(gaps.status == .ok && gaps.body.string.contains("\"unitName\":\"城关镇\"") && !gaps.body.string.contains("米村镇") && gaps.body.string.contains("\"action\":\"more\""))
            #expect(try await chengguan.send(.GET, "/api/v1/manage/evaluation/shortfall?type=decade").status == .unprocessableEntity)
            let flags = try await evaluator.send(.GET, "/api/v1/manage/evaluation/integrity?type=month&period=2026-10")
            #expect(flags.body.string.contains("\"rule\":\"overReported\"") && flags.body.string.contains("上报 100 人"))
            #expect(try await evaluator.send(.GET, "/api/v1/manage/evaluation/integrity?type=month&period=2026-13").status == .unprocessableEntity)
            #expect(try await chengguan.send(.GET, "/api/v1/manage/evaluation/integrity").status == .forbidden)

            // Whether a complaint was justified is the evaluators' call, and moves the deduction.
            let complaint = try #require(try await Complaint.query(on: app.db).filter(\.$upheld == true).first())
            let notUpheld = try await evaluator.send(.POST, "/api/v1/complaints/\(complaint.id!)/upheld", json: #"{"upheld":false}"#)
            #expect(notUpheld.status == .ok && notUpheld.body.string.contains("\"upheld\":false"))
            #expect(try await chengguan.send(.POST, "/api/v1/complaints/\(complaint.id!)/upheld", json: #"{"upheld":true}"#).status == .forbidden)
            #expect(try await evaluator.send(.POST, "/api/v1/complaints/\(complaint.id!)/upheld", json: "{}").status == .unprocessableEntity)
            #expect(try await Complaint.find(complaint.id, on: app.db)?.upheld == false)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "complaint.notUpheld").count() == 1)
        }
    }
}
