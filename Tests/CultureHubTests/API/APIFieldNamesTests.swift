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

    /// Every feature whose desk takes a typed input: a bad value comes back under the JSON name,
    /// never under the page's form field.
    @Test func everyTypedInputNamesTheJSONFields() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let evaluator = APIClient(app: app, token: try await Fixtures.token(for: "evaluator", on: app.db))
            let citizen = APIClient(app: app, token: try await Fixtures.token(for: "13800000001", on: app.db))

            let work = try await staff.send(.POST, "/api/v1/works", json: #"{"title":"新编豫剧","kind":"opera"}"#)
            let post = try await staff.send(.POST, "/api/v1/volunteer-posts", json: #"{"title":"引导员","slots":0}"#)
            let hours = try await citizen.send(.POST, "/api/v1/me/volunteer-hours",
                                               json: #"{"date":"2026-11-20","hours":0.3}"#)
            let member = try await staff.send(.POST, "/api/v1/staff-members", json: #"{"name":"李文","subsidyFen":-5}"#)
            let programme = try await staff.send(.POST, "/api/v1/programmes", json: #"{"year":2026,"budgetFen":-5}"#)
            let busy = try await staff.send(.POST, "/api/v1/village-days", json: #"{"day":"2026-12-01","reason":"庙会"}"#)
            let inspection = try await evaluator.send(.POST, "/api/v1/inspections", json: #"""
                {"inspectedOn":"2026-01-05","inspector":"市局督查组","items":[{"item":"safety","result":"maybe"}]}
                """#)
            let campaign = try await staff.send(.POST, "/api/v1/campaigns", json: #"{"kind":"parade","name":"书香新密"}"#)
            let plan = try await staff.send(.POST, "/api/v1/plans", json: #"{"year":1900,"summary":"提升服务"}"#)

            #expect(work.status == .unprocessableEntity && work.errorFields["townshipId"] != nil, "\(work.body.string)")
            #expect(work.errorFields["township"] == nil)
            #expect(post.status == .unprocessableEntity && post.errorFields["orgId"] != nil)
            #expect(post.errorFields["slots"] != nil)
            #expect(post.errorFields["org"] == nil)
            #expect(hours.status == .unprocessableEntity && hours.errorFields["orgId"] != nil, "\(hours.body.string)")
            #expect(hours.errorFields["hours"] != nil)
            #expect(member.status == .unprocessableEntity && member.errorFields["venueId"] != nil)
            #expect(member.errorFields["subsidyFen"] != nil)
            #expect(member.errorFields["venue"] == nil && member.errorFields["subsidy"] == nil)
            #expect(programme.status == .unprocessableEntity && programme.errorFields["venueId"] != nil)
            #expect(programme.errorFields["budgetFen"] != nil && programme.errorFields["budget"] == nil)
            #expect(busy.status == .unprocessableEntity && busy.errorFields["villageId"] != nil)
            #expect(busy.errorFields["village"] == nil)
            #expect(inspection.status == .unprocessableEntity, "\(inspection.body.string)")
            #expect(inspection.errorFields["venueId"] != nil)
            #expect(inspection.errorFields["items[0].result"] != nil && inspection.errorFields["item_safety"] == nil)
            #expect(campaign.status == .unprocessableEntity && campaign.errorFields["kind"] != nil)
            #expect(plan.status == .unprocessableEntity && plan.errorFields["year"] != nil, "\(plan.body.string)")
        }
    }
}
