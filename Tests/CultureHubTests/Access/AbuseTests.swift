import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// What an outside review of issue #19 tried, kept as tests: ways to widen one's reach or put
/// one's own hand in the figures one is ranked on.
@Suite struct AbuseTests {
    @Test func onlyTheBureauDecidesWhatKindOfVenueSomethingIs() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let librarian = APIClient(app: app, token: try await Fixtures.token(for: "librarian", on: app.db))
            let township = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let admin = APIClient(app: app, token: try await Fixtures.token(for: "admin", on: app.db))

            // A library made a cultural centre would guide every team in the city; made a branch, it leaves the city ranking.
            let retype = try await librarian.send(.PATCH, "/api/v1/venues/\(f.library.id!)", json: #"{"type":"culturalCentre"}"#)
            let demote = try await librarian.send(.PATCH, "/api/v1/venues/\(f.library.id!)", json: #"{"networkRole":"branch"}"#)
            let reparent = try await township.send(.PATCH, "/api/v1/venues/\(f.chengguanVillageCentre.id!)", json: #"{"parentVenueId":"\#(f.library.id!)"}"#)
            let cityVenue = try await township.send(.POST, "/api/v1/venues", json: """
                {"name":"城关镇博物馆","type":"museum","regionId":"\(f.chengguan.id!)","networkRole":"servicePoint","status":"operating","address":"城关"}
                """)
            let phone = try await librarian.send(.PATCH, "/api/v1/venues/\(f.library.id!)", json: #"{"phone":"0371-11112222"}"#)
            let bureau = try await admin.send(.PATCH, "/api/v1/venues/\(f.library.id!)", json: #"{"type":"culturalCentre"}"#)

            #expect(retype.status == .unprocessableEntity && retype.errorFields["type"] != nil)
            #expect(demote.status == .unprocessableEntity && demote.errorFields["networkRole"] != nil)
            #expect(reparent.status == .unprocessableEntity && reparent.errorFields["parentVenueId"] != nil)
            #expect(cityVenue.status == .unprocessableEntity && cityVenue.errorFields["type"] != nil)
            #expect(phone.status == .ok, "the venue's own details stay its manager's")
            #expect(bureau.status == .ok)
            #expect(try await Venue.query(on: app.db).filter(\.$name == "城关镇博物馆").count() == 0)
        }
    }

    @Test func staffAccountsDoNotActAsCitizens() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, now: clock.now(), on: app.db)
            let evaluator = APIClient(app: app, token: try await Fixtures.token(for: "evaluator", on: app.db))
            let manager = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))

            let complaint = try await evaluator.send(.POST, "/api/v1/complaints", json: """
                {"venueId":"\(f.chengguanStation.id!)","kind":"complaint","category":"service","text":"态度差"}
                """)
            let registration = try await manager.send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            let start = ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(3 * 86_400))
            let end = ISO8601DateFormatter().string(from: clock.now().addingTimeInterval(3 * 86_400 + 3600))
            let booking = try await evaluator.send(.POST, "/api/v1/spaces/\(f.chengguanSpace.id!)/bookings",
                                                   json: #"{"phone":"13800000009","purpose":"排练","attendees":10,"startsAt":"\#(start)","endsAt":"\#(end)"}"#)
            let webRegistration = try await Browser.signedIn(app, as: "chengguan").post(SiteURL.activities(.register(.id(activity.id!))).path, [("places", "1")])

            #expect(complaint.status == .forbidden && complaint.body.string.contains("群众账号"))
            #expect(registration.status == .forbidden && booking.status == .forbidden && webRegistration.status == .forbidden)
            #expect(try await Complaint.query(on: app.db).count() == 0)
            #expect(try await Registration.query(on: app.db).count() == 0)
        }
    }

    @Test func whoeverRunsTheServingVenueDoesNotRateTheirOwnDelivery() async throws {
        try await withTestApp { app, clock in
            let world = try await AccessWorld.make(app, now: clock.now())
            let made = try await world.make(.order, at: .cgStation)
            let order = try #require(try await ServiceOrder.find(UUID(uuidString: made.params["id"]!), on: app.db))
            order.status = .delivered
            order.deliveredAt = clock.now()
            try await order.update(on: app.db)
            // 城关镇's manager acts for both the ordering village and the serving station.
            let township = try await Browser.signedIn(app, as: "chengguan")
            let village = try await Browser.signedIn(app, as: "cgvillage")

            let own = try await township.post(SiteURL.orders(.staffStep(.id(order.id!), .rate)).path, [("score", "5")])
            let theVillage = try await village.post(SiteURL.orders(.staffStep(.id(order.id!), .rate)).path, [("score", "4")])

            #expect(own.status != .seeOther)
            #expect(theVillage.status == .seeOther)
            #expect(try await Rating.query(on: app.db).all().map(\.score) == [4])
        }
    }

    @Test func aThirdPartysChannelIsEnteredByTheThirdPartyOnly() async throws {
        try await withTestApp { app, clock in
            let world = try await AccessWorld.make(app, now: clock.now())
            let made = try await world.make(.surveyQuestion, at: .cgStation)
            let survey = try #require(try await Survey.find(UUID(uuidString: made.params["id"]!), on: app.db))
            survey.thirdParty = true
            try await survey.update(on: app.db)
            let path = SiteURL.surveys(.staffPaper(.id(survey.id!))).path

            let unitStaff = try await Browser.signedIn(app, as: "chengguan").post(path, [("count", "1"), ("a-1-1", "5")])
            let unitPage = try await Browser.signedIn(app, as: "cgstation").get(path)
            let thirdParty = try await Browser.signedIn(app, as: "thirdparty").get(path)

            #expect(unitStaff.status == .forbidden && unitPage.status == .forbidden)
            #expect(thirdParty.status == .ok)
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)
        }
    }

    @Test func readsOutsideTheScopeLeakNothing() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let other = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))
            let cg = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let member = try await cg.send(.POST, "/api/v1/staff-members", json: """
                {"name":"郭海燕","phone":"13912345678","venueId":"\(f.chengguanStation.id!)","postType":"fullTime","position":"站长","startsOn":"2020-03-01"}
                """)
            let lookup = try await other.send(.POST, "/api/v1/staff-members", json: """
                {"name":"某某","phone":"13912345678","venueId":"\(f.micunStation.id!)","postType":"fullTime","position":"干事","startsOn":"2021-01-01"}
                """)
            let gaps = try await Browser.signedIn(app, as: "librarian").get(SiteURL.workforce(.peopleGaps).path).body.string
            let activity = try await Activity.mock(f.micunStation, now: clock.now(), on: app.db)
            activity.photoPath = UUID().uuidString + ".jpg"
            activity.status = .cancelled
            try await activity.update(on: app.db)

            #expect(member.status == .created)
            #expect(lookup.status == .unprocessableEntity && !lookup.body.string.contains("郭海燕") && !lookup.body.string.contains("城关镇"))
            #expect(!gaps.contains("米村镇") && !gaps.contains("拐峪村"), "a venue account is shown no township's staffing")
            #expect(try await Browser(app).get(SiteURL.activities(.photo(.id(activity.id!))).path).status == .notFound)
        }
    }
}
