import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Inspections, rectification and third-party results through `/api/v1` (R8.3).
@Suite struct InspectionAPITests {
    @Test func inspectionsRectificationAndThirdPartyResults() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let evaluator = APIClient(app: app, token: try await Fixtures.token(for: "evaluator", on: app.db))
            let chengguan = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let micun = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))
            let station = f.chengguanStation.id!
            let inspection = { (items: String) in "{\"venueId\":\"\(station)\",\"inspectedOn\":\"2026-11-10\",\"inspector\":\"市局督查组\",\"unannounced\":true,\"items\":[\(items)]}" }
            let noNote = try await evaluator.send(.POST, "/api/v1/inspections", json: inspection(#"{"item":"openingAsPosted","result":"pass"},{"item":"noticeDisplayed","result":"fail"}"#))
            let unknownItem = try await evaluator.send(.POST, "/api/v1/inspections", json: inspection(#"{"item":"parking","result":"pass"}"#))
            #expect(try EvaluationAPITests.fields(noNote)["items[1].note"] == "不合格的项目请写明发现的问题。")
            #expect(try EvaluationAPITests.fields(unknownItem)["items[0].item"] != nil)
            #expect(try await Inspection.query(on: app.db).count() == 0)
            #expect(try await RectificationTask.query(on: app.db).count() == 0)
            #expect(try await chengguan.send(.POST, "/api/v1/inspections", json: inspection(#"{"item":"openingAsPosted","result":"pass"}"#)).status == .forbidden)
            let recorded = try await evaluator.send(.POST, "/api/v1/inspections", json: inspection(#"{"item":"openingAsPosted","result":"pass"},{"item":"noticeDisplayed","result":"fail","note":"公示牌缺失"}"#))
            #expect(recorded.status == .created && recorded.body.string.contains("\"status\":\"open\"") && recorded.body.string.contains("\"deadline\":\"2026-12-10\""))
            let taskID = try #require(((try EvaluationAPITests.object(recorded)["tasks"] as? [[String: Any]])?.first)?["id"] as? String)

            #expect(try await chengguan.send(.GET, "/api/v1/manage/rectification-tasks?status=open").body.string.contains("\"total\":1"))
            #expect(try await micun.send(.GET, "/api/v1/manage/rectification-tasks").body.string.contains("\"total\":0"))
            #expect(try await micun.send(.POST, "/api/v1/rectification-tasks/\(taskID)/respond", json: #"{"response":"已整改"}"#).status == .forbidden)
            let answered = try await chengguan.send(.POST, "/api/v1/rectification-tasks/\(taskID)/respond", json: #"{"response":"已补挂公示牌"}"#)
            #expect(answered.status == .ok && answered.body.string.contains("\"status\":\"responded\""))
            #expect(try await chengguan.send(.POST, "/api/v1/rectification-tasks/\(taskID)/respond", json: #"{"response":"再说一遍"}"#).status == .conflict)
            #expect(try EvaluationAPITests.fields(try await evaluator.send(.POST, "/api/v1/rectification-tasks/\(taskID)/reopen", json: "{}"))["reason"] != nil)
            #expect(try await evaluator.send(.POST, "/api/v1/rectification-tasks/\(taskID)/reopen", json: #"{"reason":"照片看不清"}"#).body.string.contains("\"status\":\"reopened\""))
            #expect(try await chengguan.send(.POST, "/api/v1/rectification-tasks/\(taskID)/respond", json: #"{"response":"重新拍照"}"#).status == .ok)
            #expect(try await evaluator.send(.POST, "/api/v1/rectification-tasks/\(taskID)/verify").body.string.contains("\"status\":\"verified\""))
            let inspectionID = try #require(try EvaluationAPITests.object(recorded)["id"] as? String)
            #expect(try await chengguan.send(.GET, "/api/v1/manage/inspections/\(inspectionID)").body.string.contains("\"reopenReason\":\"照片看不清\""))
            #expect(try await micun.send(.GET, "/api/v1/manage/inspections/\(inspectionID)").status == .notFound)

            let thirdParty = APIClient(app: app, token: try await Fixtures.token(for: "thirdparty", on: app.db))
            let badRows = try await thirdParty.send(.POST, "/api/v1/third-party-results", json: """
                {"source":"2026 年第三方测评","rows":[{"venueId":"\(station)","date":"2026-10-12","score":5,"count":30},
                {"venueId":"\(station)","date":"2026-10-12","score":6,"count":3},{"venueId":"\(UUID())","date":"2026-10-12","score":4,"count":1}]}
                """)
            let problems = try EvaluationAPITests.fields(badRows)
            #expect(problems["rows[1].score"]?.contains("评分应为 1 到 5") == true && problems["rows[2].venueId"]?.contains("找不到编号为") == true && problems.count == 2)
            #expect(try await ThirdPartyResult.query(on: app.db).count() == 0)
            let imported = try await thirdParty.send(.POST, "/api/v1/third-party-results", json: """
                {"rows":[{"venueId":"\(station)","date":"2026-10-12","score":5,"count":30},{"venueId":"\(station)","date":"2026-10-12","score":3,"count":10}]}
                """)
            #expect(imported.status == .created && imported.body.string.contains("\"scores\":40"))
            #expect(try await thirdParty.send(.GET, "/api/v1/manage/third-party-results?venue=\(station)").body.string.contains("\"total\":2"))
            #expect(try await chengguan.send(.POST, "/api/v1/third-party-results", json: #"{"rows":[]}"#).status == .forbidden)
        }
    }
}
