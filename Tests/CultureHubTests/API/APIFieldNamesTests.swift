import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// API field errors name the field the client sent, not the page's form field (issue #19).
@Suite struct APIFieldNamesTests {
    @Test func errorsNameTheJSONFields() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let stranger = UUID().uuidString

            let budget = try await api.send(.POST, "/api/v1/budget-lines", json: #"{"venueId":"\#(stranger)","year":2026,"amountFen":-5}"#)
            let team = try await api.send(.POST, "/api/v1/teams", json: #"{"name":"东关村锣鼓队","kind":"opera","placeId":"\#(stranger)","leaderName":"王队长"}"#)
            let batch = try await api.send(.POST, "/api/v1/circulation", json: #"{"kind":"bookBatch","quantity":10}"#)
            let order = try await api.send(.POST, "/api/v1/orders", json: #"""
                {"itemId":"\#(stranger)","villageId":"\#(f.chengguanVillage.id!)","quantity":1,"windowStart":"2026-12-20",
                 "windowEnd":"2026-12-30","expectedAudience":80,"contact":"王主任"}
                """#)
            let region = try await api.send(.PATCH, "/api/v1/regions/\(f.chengguanVillage.id!)", json: #"{"parentId":"\#(stranger)","population":-1}"#)

            #expect(budget.status == .unprocessableEntity && budget.errorFields["venueId"] != nil && budget.errorFields["amountFen"] != nil)
            #expect(budget.errorFields["venue"] == nil && budget.errorFields["amount"] == nil)
            #expect(team.status == .unprocessableEntity && team.errorFields["placeId"] != nil, "\(team.body.string)")
            #expect(batch.status == .unprocessableEntity && batch.errorFields["fromVenueId"] != nil && batch.errorFields["toVenueId"] != nil)
            #expect(order.status == .unprocessableEntity && order.errorFields["itemId"] != nil, "\(order.body.string)")
            #expect(region.status == .unprocessableEntity && region.errorFields["population"] != nil && region.errorFields["parent"] == nil)
        }
    }
}
