import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct CheckInTests {
    private func register(_ app: Application, _ activity: Activity, token: String) async throws -> RegistrationDTO {
        let r = try await APIClient(app: app, token: token).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
        return try JSONDecoder().decode(RegistrationDTO.self, from: Data(r.body.string.utf8))
    }

    @Test func eachRefusalHasItsOwnOutcomeAndIsLogged() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, startsIn: 4 * 3600, now: clock.now(), on: app.db)
            let other = try await Activity.mock(f.chengguanStation, title: "另一场", startsIn: 4 * 3600, now: clock.now(), on: app.db)
            let tokens = try await Citizens.make(3, on: app)
            let mine = try await register(app, activity, token: tokens[0])
            let elsewhere = try await register(app, other, token: tokens[1])
            let cancelled = try await register(app, activity, token: tokens[2])
            _ = try await APIClient(app: app, token: tokens[2]).send(.POST, "/api/v1/registrations/\(cancelled.id)/cancel")
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "cgstation", on: app.db))
            func check(_ token: String) async throws -> (HTTPStatus, String) {
                let r = try await staff.send(.POST, "/api/v1/activities/\(activity.id!)/checkins", json: "{\"token\":\"\(token)\"}")
                return (r.status, r.body.string)
            }

            let ok = try await check(mine.checkInToken!)
            let again = try await check(mine.checkInToken!)
            let wrong = try await check(elsewhere.checkInToken!)
            let key = try await app.signingKeys.key("checkin", on: app.db)
            let gone = try await check(CheckInToken(registrationID: cancelled.id).encoded(key: key))
            var forgedToken = mine.checkInToken!
            forgedToken.replaceSubrange(forgedToken.index(forgedToken.endIndex, offsetBy: -3)..., with: "AAA")
            let forged = try await check(forgedToken)

            #expect(ok.0 == .ok && ok.1.contains("checkedIn") && ok.1.contains("群*"))
            #expect(again.0 == .conflict && again.1.contains("duplicate"))
            #expect(wrong.1.contains("wrongActivity"))
            #expect(gone.1.contains("cancelled"))
            #expect(forged.1.contains("forged"))
            #expect(try await CheckInAttempt.query(on: app.db).count() == 4)
        }
    }

    @Test func staffOfAnotherTownshipCannotCheckIn() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, startsIn: 3600, now: clock.now(), on: app.db)
            let mine = try await register(app, activity, token: try await Citizens.make(1, on: app)[0])
            let micun = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))

            let r = try await micun.send(.POST, "/api/v1/activities/\(activity.id!)/checkins", json: "{\"token\":\"\(mine.checkInToken!)\"}")
            let page = try await Browser.signedIn(app, as: "micun").get(SiteURL.registrations(.staffCheckIn(.id(activity.id!))).path)

            // Reads outside the scope answer 404, writes 403 (README, DESIGN §3 rule 4).
            #expect(r.status == .forbidden && page.status == .notFound)
        }
    }

    @Test func theQRLinkOpensTheCheckInPageForStaffAndTheCodeDecodes() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, startsIn: 3600, now: clock.now(), on: app.db)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let registered = try await citizen.post(SiteURL.activities(.register(.id(activity.id!))).path, [("places", "1")])
            let ticket = try await citizen.get(try #require(registered.location))
            #expect(ticket.body.string.contains("<svg") && ticket.body.string.contains("签到码"))
            let registration = try #require(try await Registration.query(on: app.db).first())
            let token = CheckInToken(registrationID: registration.id!).encoded(key: try await app.signingKeys.key("checkin", on: app.db))

            let staff = try await Browser.signedIn(app, as: "chengguan")
            let opened = try await staff.get(SiteURL.registrations(.checkInLink(token)).path)
            let done = try await staff.post(SiteURL.registrations(.staffCheckIn(.id(activity.id!))).path, [("code", app.settings.baseURL + SiteURL.registrations(.checkInLink(token)).path)])

            #expect(opened.status == .ok && opened.body.string.contains(token))
            #expect(done.status == .ok && done.body.string.contains("签到成功"))
            #expect(try await Registration.find(registration.id, on: app.db)?.checkedInAt != nil)
        }
    }
}
