import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Folk art teams through `/api/v1` (R6.2).
@Suite struct TeamAPITests {
    func json(_ r: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.body.string.utf8)) as? [String: Any])
    }

    @Test func teamsAreRegisteredGuidedAndListed() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let teamJSON = "{\"name\":\"东关村舞龙队\",\"kind\":\"folkPerformance\",\"placeId\":\"\(f.chengguanVillage.id!)\",\"leaderName\":\"张大爷\",\"leaderPhone\":\"13800000001\"}"
            let team = try await staff.send(.POST, "/api/v1/teams", json: teamJSON)
            let duplicate = try await staff.send(.POST, "/api/v1/teams", json: teamJSON)
            let teamID = try json(team)["id"] as! String
            let guidance = try await staff.send(.POST, "/api/v1/teams/\(teamID)/guidance", json: "{\"day\":\"2026-11-15\",\"hours\":2,\"topic\":\"舞龙套路\"}")
            let teams = try await APIClient(app: app).send(.GET, "/api/v1/teams?kind=folkPerformance")
            let badKind = try await APIClient(app: app).send(.GET, "/api/v1/teams?kind=rap")

            #expect(team.status == .created && team.body.string.contains("\"bookingRate\":\"discounted\"") && duplicate.status == .unprocessableEntity)
            #expect(guidance.status == .created && teams.body.string.contains("东关村舞龙队") && badKind.status == .unprocessableEntity)
        }
    }
}
