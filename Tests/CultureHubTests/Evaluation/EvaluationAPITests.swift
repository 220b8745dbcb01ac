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
            #expect(try await chengguan.send(.GET, "/api/v1/manage/evaluation/runs/\(runID)/units/\(f.micun.id!)").status == .forbidden)

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

    @Test func inspectionsRectificationThirdPartyAndPlans() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let evaluator = APIClient(app: app, token: try await Fixtures.token(for: "evaluator", on: app.db))
            let chengguan = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let micun = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))
            let station = f.chengguanStation.id!
            let inspection = { (items: String) in "{\"venueId\":\"\(station)\",\"inspectedOn\":\"2026-11-10\",\"inspector\":\"市局督查组\",\"unannounced\":true,\"items\":[\(items)]}" }
            let noNote = try await evaluator.send(.POST, "/api/v1/inspections", json: inspection(#"{"item":"openingAsPosted","result":"pass"},{"item":"noticeDisplayed","result":"fail"}"#))
            let unknownItem = try await evaluator.send(.POST, "/api/v1/inspections", json: inspection(#"{"item":"parking","result":"pass"}"#))
            #expect(try Self.fields(noNote)["items[1].note"] == "不合格的项目请写明发现的问题。")
            #expect(try Self.fields(unknownItem)["items[0].item"] != nil)
            #expect(try await Inspection.query(on: app.db).count() == 0)
            #expect(try await RectificationTask.query(on: app.db).count() == 0)
            #expect(try await chengguan.send(.POST, "/api/v1/inspections", json: inspection(#"{"item":"openingAsPosted","result":"pass"}"#)).status == .forbidden)
            let recorded = try await evaluator.send(.POST, "/api/v1/inspections", json: inspection(#"{"item":"openingAsPosted","result":"pass"},{"item":"noticeDisplayed","result":"fail","note":"公示牌缺失"}"#))
            #expect(recorded.status == .created && recorded.body.string.contains("\"status\":\"open\"") && recorded.body.string.contains("\"deadline\":\"2026-12-10\""))
            let taskID = try #require(((try Self.object(recorded)["tasks"] as? [[String: Any]])?.first)?["id"] as? String)

            #expect(try await chengguan.send(.GET, "/api/v1/manage/rectification-tasks?status=open").body.string.contains("\"total\":1"))
            #expect(try await micun.send(.GET, "/api/v1/manage/rectification-tasks").body.string.contains("\"total\":0"))
            #expect(try await micun.send(.POST, "/api/v1/rectification-tasks/\(taskID)/respond", json: #"{"response":"已整改"}"#).status == .forbidden)
            let answered = try await chengguan.send(.POST, "/api/v1/rectification-tasks/\(taskID)/respond", json: #"{"response":"已补挂公示牌"}"#)
            #expect(answered.status == .ok && answered.body.string.contains("\"status\":\"responded\""))
            #expect(try await chengguan.send(.POST, "/api/v1/rectification-tasks/\(taskID)/respond", json: #"{"response":"再说一遍"}"#).status == .conflict)
            #expect(try Self.fields(try await evaluator.send(.POST, "/api/v1/rectification-tasks/\(taskID)/reopen", json: "{}"))["reason"] != nil)
            #expect(try await evaluator.send(.POST, "/api/v1/rectification-tasks/\(taskID)/reopen", json: #"{"reason":"照片看不清"}"#).body.string.contains("\"status\":\"reopened\""))
            #expect(try await chengguan.send(.POST, "/api/v1/rectification-tasks/\(taskID)/respond", json: #"{"response":"重新拍照"}"#).status == .ok)
            #expect(try await evaluator.send(.POST, "/api/v1/rectification-tasks/\(taskID)/verify").body.string.contains("\"status\":\"verified\""))
            let inspectionID = try #require(try Self.object(recorded)["id"] as? String)
            #expect(try await chengguan.send(.GET, "/api/v1/manage/inspections/\(inspectionID)").body.string.contains("\"reopenReason\":\"照片看不清\""))
            #expect(try await micun.send(.GET, "/api/v1/manage/inspections/\(inspectionID)").status == .notFound)

            let thirdParty = APIClient(app: app, token: try await Fixtures.token(for: "thirdparty", on: app.db))
            let badRows = try await thirdParty.send(.POST, "/api/v1/third-party-results", json: """
                {"source":"2026 年第三方测评","rows":[{"venueId":"\(station)","date":"2026-10-12","score":5,"count":30},
                {"venueId":"\(station)","date":"2026-10-12","score":6,"count":3},{"venueId":"\(UUID())","date":"2026-10-12","score":4,"count":1}]}
                """)
            let problems = try Self.fields(badRows)
            #expect(problems["rows[1].score"]?.contains("评分应为 1 到 5") == true && problems["rows[2].venueId"]?.contains("找不到编号为") == true && problems.count == 2)
            #expect(try await ThirdPartyResult.query(on: app.db).count() == 0)
            let imported = try await thirdParty.send(.POST, "/api/v1/third-party-results", json: """
                {"rows":[{"venueId":"\(station)","date":"2026-10-12","score":5,"count":30},{"venueId":"\(station)","date":"2026-10-12","score":3,"count":10}]}
                """)
            #expect(imported.status == .created && imported.body.string.contains("\"scores\":40"))
            #expect(try await thirdParty.send(.GET, "/api/v1/manage/third-party-results?venue=\(station)").body.string.contains("\"total\":2"))
            #expect(try await chengguan.send(.POST, "/api/v1/third-party-results", json: #"{"rows":[]}"#).status == .forbidden)

            let plan = try await chengguan.send(.POST, "/api/v1/plans", json: #"{"year":2026,"summary":"针对满意率未达标，提升服务。"}"#)
            let second = try await chengguan.send(.POST, "/api/v1/plans", json: #"{"year":2026,"summary":"再来一份"}"#)
            #expect(plan.status == .created && second.status == .unprocessableEntity)
            let planID = try #require(try Self.object(plan)["id"] as? String)
            let unknownIndicator = try await chengguan.send(.POST, "/api/v1/plans/\(planID)/measures", json: #"{"measure":"周末延长开放","owner":"王站长","deadline":"2026-12-31","indicators":["happiness"]}"#)
            #expect(try Self.fields(unknownIndicator)["indicators"] != nil)
            let measure = try await chengguan.send(.POST, "/api/v1/plans/\(planID)/measures", json: #"{"measure":"周末延长开放","owner":"王站长","deadline":"2026-12-31","indicators":["openingHours","satisfaction"]}"#)
            #expect(measure.status == .created && measure.body.string.contains("\"indicators\":[\"openingHours\",\"satisfaction\"]"))
            let measureID = try #require(try Self.object(measure)["id"] as? String)
            #expect(try await chengguan.send(.POST, "/api/v1/plan-measures/\(measureID)/progress", json: #"{"progress":101}"#).status == .unprocessableEntity)
            #expect(try await chengguan.send(.POST, "/api/v1/plan-measures/\(measureID)/progress", json: #"{"progress":60,"note":"已调整排班"}"#).body.string.contains("\"progress\":60"))
            #expect(try await micun.send(.POST, "/api/v1/plan-measures/\(measureID)/progress", json: #"{"progress":100}"#).status == .notFound)
            let filings = try await evaluator.send(.GET, "/api/v1/manage/plans?year=2026")
            let list = try #require(try JSONSerialization.jsonObject(with: Data(filings.body.string.utf8)) as? [[String: Any]])
            #expect(list.first { $0["unitName"] as? String == "城关镇" }?["plan"] != nil && list.first { $0["unitName"] as? String == "米村镇" }?["plan"] == nil)
            #expect(try await evaluator.send(.GET, "/api/v1/manage/plans?year=abc").status == .unprocessableEntity)
        }
    }
}
