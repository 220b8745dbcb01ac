import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Programmes and brands through `/api/v1` (R6.3).
@Suite struct CampaignAPITests {
    func json(_ r: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.body.string.utf8)) as? [String: Any])
    }

    @Test func aProgrammeGathersActivitiesAndShowsItsReach() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))
            let campaign = try await admin.send(.POST, "/api/v1/campaigns", json: "{\"kind\":\"brand\",\"name\":\"书香新密\",\"startsOn\":\"2024-04-23\"}")
            let activity = try await Activity.mock(f.chengguanStation, now: clock.now(), on: app.db)
            let linked = try await admin.send(.POST, "/api/v1/campaigns/\(try json(campaign)["id"] as! String)/activities", json: "{\"activityId\":\"\(activity.id!)\"}")
            let campaigns = try await APIClient(app: app).send(.GET, "/api/v1/campaigns")

            #expect(campaign.status == .created && linked.status == .ok && linked.body.string.contains("\"activities\":1"))
            #expect(campaigns.body.string.contains("书香新密"))
        }
    }
}
