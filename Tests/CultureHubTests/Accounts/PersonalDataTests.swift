import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct PersonalDataTests {
    @Test func aCitizenDownloadsTheirDataThenClosesTheAccountAndTheCountsStay() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, title: "周末读书会", now: clock.now(), on: app.db)
            let visitor = Browser(app)
            try await SignUpTests.signUp(app, visitor, phone: "13912340001", name: "王秀兰", password: "Reader2026")
            _ = try await visitor.post(SiteURL.activities(.register(.id(activity.id!))).path, [("places", "2")])

            let download = try await visitor.get(SiteURL.accounts(.data).path)
            let json = download.body.string
            #expect(download.headers.contentDisposition?.value == .attachment && json.contains("王秀兰") && json.contains("周末读书会") && json.contains("13912340001"))

            let wrong = try await visitor.post(SiteURL.accounts(.delete).path, [("deletePassword", "nope"), ("deleteConfirm", "1")])
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("密码不正确"))
            let closed = try await visitor.post(SiteURL.accounts(.delete).path, [("deletePassword", "Reader2026"), ("deleteConfirm", "1")])
            #expect(closed.status == .seeOther)

            let account = try #require(try await Account.query(on: app.db).filter(\.$displayName == "已注销用户").first())
            #expect(!account.isActive && account.login.hasPrefix("deleted-"))
            #expect(try await Account.query(on: app.db).filter(\.$login == "13912340001").count() == 0)
            let registration = try #require(try await Registration.query(on: app.db).filter(\.$account.$id == account.id!).first())
            #expect(registration.name == "已注销" && registration.phone.isEmpty && registration.places == 2 && registration.status == .confirmed)
            #expect(try await Activity.find(activity.id, on: app.db)?.confirmedPlaces == 2, "statistics stay right")
            #expect(try await visitor.get(SiteURL.accounts(.home).path).status == .seeOther, "signed out")
            #expect(try await visitor.login("13912340001", "Reader2026").status == .unprocessableEntity, "the old sign-in no longer works")
            let events = try await AuditEvent.query(on: app.db).all()
            #expect(events.contains { $0.action == "export" && $0.summary.contains("personal data download") })
            #expect(!events.contains { $0.summary.contains("王秀兰") || $0.summary.contains("13912340001") }, "the log keeps no name or full number")
        }
    }

    @Test func staffCannotCloseTheirOwnAccount() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            _ = try await staff.post(SiteURL.accounts(.delete).path, [("deletePassword", Fixtures.password), ("deleteConfirm", "1")])
            #expect(try await Account.query(on: app.db).filter(\.$login == "chengguan").first()?.isActive == true)
        }
    }

    @Test func staffSeeAFullNumberOnlyByAskingAndTheViewIsLogged() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, now: clock.now(), on: app.db)
            let citizen = try await Citizens.make(1, on: app)[0]
            let r = try await APIClient(app: app, token: citizen).send(.POST, "/api/v1/activities/\(activity.id!)/registrations", json: #"{"places":1}"#)
            let id = try #require(r.body.string.firstMatch(of: /"id":"([^"]+)"/)?.1)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let list = try await staff.get(SiteURL.activities(.staffShow(.id(activity.id!))).path).body.string
            let path = SiteURL.activities(.staffRegistrationContact(.id(activity.id!), .id(UUID(uuidString: String(id))!))).path
            let shown = try await staff.post(path, [])
            let evaluator = try await Browser.signedIn(app, as: "evaluator")
            let refused = try await evaluator.post(path, [])
            let outside = try await Browser.signedIn(app, as: "micun").post(path, [])

            #expect(list.contains("139****0000") && list.contains("查看联系方式"))
            #expect(shown.status == .ok && shown.body.string.contains("13900000000") && shown.headers.first(name: .cacheControl) == "no-store")
            #expect(refused.status == .forbidden && outside.status == .forbidden)
            let views = try await AuditEvent.query(on: app.db).filter(\.$action == "view.personal").all()
            #expect(views.count == 1 && views[0].entityID.uppercased() == String(id).uppercased() && views[0].actor.hasPrefix("chengguan"))
        }
    }
}
