import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Efficiency-improvement plans through `/api/v1` (R8.3).
@Suite struct PlanAPITests {
    @Test func aUnitFilesItsPlanOnceAndKeepsItsMeasures() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let evaluator = APIClient(app: app, token: try await Fixtures.token(for: "evaluator", on: app.db))
            let chengguan = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let micun = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))

            let plan = try await chengguan.send(.POST, "/api/v1/plans", json: #"{"year":2026,"summary":"针对满意率未达标，提升服务。"}"#)
            let second = try await chengguan.send(.POST, "/api/v1/plans", json: #"{"year":2026,"summary":"再来一份"}"#)
            #expect(plan.status == .created && second.status == .unprocessableEntity)
            let planID = try #require(try EvaluationAPITests.object(plan)["id"] as? String)
            let unknownIndicator = try await chengguan.send(.POST, "/api/v1/plans/\(planID)/measures", json: #"{"measure":"周末延长开放","owner":"王站长","deadline":"2026-12-31","indicators":["happiness"]}"#)
            #expect(try EvaluationAPITests.fields(unknownIndicator)["indicators"] != nil)
            let measure = try await chengguan.send(.POST, "/api/v1/plans/\(planID)/measures", json: #"{"measure":"周末延长开放","owner":"王站长","deadline":"2026-12-31","indicators":["openingHours","satisfaction"]}"#)
            #expect(measure.status == .created && measure.body.string.contains("\"indicators\":[\"openingHours\",\"satisfaction\"]"))
            let measureID = try #require(try EvaluationAPITests.object(measure)["id"] as? String)
            #expect(try await chengguan.send(.POST, "/api/v1/plan-measures/\(measureID)/progress", json: #"{"progress":101}"#).status == .unprocessableEntity)
            #expect(try await chengguan.send(.POST, "/api/v1/plan-measures/\(measureID)/progress", json: #"{"progress":60,"note":"已调整排班"}"#).body.string.contains("\"progress\":60"))
            #expect(try await micun.send(.POST, "/api/v1/plan-measures/\(measureID)/progress", json: #"{"progress":100}"#).status == .forbidden, "a write outside the scope answers 403")
            let filings = try await evaluator.send(.GET, "/api/v1/manage/plans?year=2026")
            let list = try #require(try JSONSerialization.jsonObject(with: Data(filings.body.string.utf8)) as? [[String: Any]])
            #expect(list.first { $0["unitName"] as? String == "城关镇" }?["plan"] != nil && list.first { $0["unitName"] as? String == "米村镇" }?["plan"] == nil)
            #expect(try await evaluator.send(.GET, "/api/v1/manage/plans?year=abc").status == .unprocessableEntity)
        }
    }
}
