import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Original works through `/api/v1` (R6.4).
@Suite struct WorkAPITests {
    func json(_ r: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.body.string.utf8)) as? [String: Any])
    }

    @Test func aCitizensWorkWaitsForReviewBeforeItIsListed() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let citizen = APIClient(app: app, token: try await Fixtures.token(for: "13800000001", on: app.db))
            let teamJSON = "{\"name\":\"东关村舞龙队\",\"kind\":\"folkPerformance\",\"placeId\":\"\(f.chengguanVillage.id!)\",\"leaderName\":\"张大爷\",\"leaderPhone\":\"13800000001\"}"
            let team = try await staff.send(.POST, "/api/v1/teams", json: teamJSON)
            let teamID = try json(team)["id"] as! String
            let work = try await citizen.send(.POST, "/api/v1/works", json: "{\"title\":\"龙腾新密\",\"kind\":\"dance\",\"creators\":\"东关村舞龙队\",\"createdOn\":\"2026-05-01\",\"teamId\":\"\(teamID)\",\"mediaLinks\":[\"https://example.org/v.mp4\"]}")
            let works = try await APIClient(app: app).send(.GET, "/api/v1/works")

            #expect(work.status == .created && work.body.string.contains("\"listed\":false") && !works.body.string.contains("龙腾新密"))
        }
    }
}
