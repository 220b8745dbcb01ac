import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Each staff role × own/other township × read/write × web/API (issue #2, R9.1).
/// The target of "own" and "other" depends on the role's scope.
@Suite struct ScopeMatrixTests {
    enum Target { case own, other }

    struct Case: CustomStringConvertible {
        let login: String
        let target: Target
        /// Expected: web read, web write, API read, API write.
        let expected: (UInt, UInt, UInt, UInt)
        var description: String { "\(login) → \(target)" }
    }

    static let cases: [Case] = [
        Case(login: "admin", target: .own, expected: (200, 303, 200, 200)),
        Case(login: "admin", target: .other, expected: (200, 303, 200, 200)),
        Case(login: "evaluator", target: .own, expected: (200, 403, 200, 403)),
        Case(login: "evaluator", target: .other, expected: (200, 403, 200, 403)),
        Case(login: "thirdparty", target: .own, expected: (200, 403, 200, 403)),
        Case(login: "thirdparty", target: .other, expected: (200, 403, 200, 403)),
        Case(login: "chengguan", target: .own, expected: (200, 303, 200, 200)),
        Case(login: "chengguan", target: .other, expected: (404, 403, 404, 403)),
        Case(login: "micun", target: .own, expected: (200, 303, 200, 200)),
        Case(login: "micun", target: .other, expected: (404, 403, 404, 403)),
        Case(login: "cgstation", target: .own, expected: (200, 303, 200, 200)),
        Case(login: "cgstation", target: .other, expected: (404, 403, 404, 403)),
        Case(login: "cgvillage", target: .own, expected: (200, 303, 200, 200)),
        Case(login: "cgvillage", target: .other, expected: (404, 403, 404, 403)),
    ]

    static func venue(for c: Case, _ f: Fixtures) -> Venue {
        switch (c.login, c.target) {
        case ("micun", .own): f.micunStation
        case ("micun", .other): f.chengguanStation
        case ("cgvillage", .own): f.chengguanVillageCentre
        case ("cgvillage", .other), ("cgstation", .other): f.micunVillageCentre
        case (_, .own): f.chengguanStation
        case (_, .other): f.micunStation
        }
    }

    @Test(arguments: cases)
    func venueAccess(_ c: Case) async throws {
        try await withTestApp { app, _ in
            // setup
            let f = try await Fixtures.make(on: app)
            let venue = Self.venue(for: c, f)
            let id = venue.id!.uuidString.lowercased()
            let browser = Browser(app)
            #expect(try await browser.login(c.login).status == .seeOther)
            let api = APIClient(app: app, token: try await Fixtures.token(for: c.login, on: app.db))

            // act
            let webRead = try await browser.get(SiteURL.venues(.staffShow(.id(venue.id!))).path)
            let webWrite = try await browser.post(SiteURL.venues(.staffHours(.id(venue.id!))).path, [("opens_1", "08:00"), ("closes_1", "12:00")])
            let apiRead = try await api.send(.GET, "/api/v1/manage/venues/\(id)")
            let apiWrite = try await api.send(.PATCH, "/api/v1/venues/\(id)", json: #"{"phone":"0371-11112222"}"#)

            // check
            #expect(webRead.status.code == c.expected.0, "web read")
            #expect(webWrite.status.code == c.expected.1, "web write")
            #expect(apiRead.status.code == c.expected.2, "API read")
            #expect(apiWrite.status.code == c.expected.3, "API write")
            let hours = try await OpeningHours.query(on: app.db).filter(\.$venue.$id == venue.id!).count()
            let stored = try await Venue.find(venue.id, on: app.db)!
            let mayWrite = c.expected.1 == 303
            #expect(hours == (mayWrite ? 1 : 0), "hours saved only when allowed")
            #expect((stored.phone == "0371-11112222") == mayWrite, "API change saved only when allowed")
        }
    }

    @Test func townshipManagerCannotReachAnotherTownshipsRegionsOrSpaces() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))

            #expect(try await browser.get(SiteURL.regions(.show(.id(f.micunVillage.id!))).path).status == .notFound)
            #expect(try await browser.post(SiteURL.regions(.show(.id(f.micunVillage.id!))).path,
                                          [("name", "改名村"), ("kind", "village"), ("population", "1")]).status == .forbidden)
            #expect(try await api.send(.GET, "/api/v1/manage/regions/\(f.micunVillage.id!)").status == .notFound)
            #expect(try await api.send(.PATCH, "/api/v1/regions/\(f.micunVillage.id!)", json: #"{"population":1}"#).status == .forbidden)
            #expect(try await browser.get(SiteURL.venues(.staffSpace(.id(f.micunStation.id!), .id(f.micunSpace.id!))).path).status == .notFound)
            #expect(try await api.send(.DELETE, "/api/v1/spaces/\(f.micunSpace.id!)").status == .forbidden)
            #expect(try await Space.find(f.micunSpace.id, on: app.db) != nil)
            #expect(try await Region.find(f.micunVillage.id, on: app.db)!.name == "拐峪村")

            // Lists only show the own subtree.
            let list = try await browser.get(SiteURL.venues(.staffIndex).path).body.string
            #expect(list.contains("城关镇综合文化站"))
            #expect(!list.contains("米村镇综合文化站"))
            let apiList = try await api.send(.GET, "/api/v1/manage/venues").body.string
            #expect(apiList.contains("东关村综合文化服务中心"))
            #expect(!apiList.contains("拐峪村"))

            // Creating a venue in another township is a field error, and nothing is saved.
            let before = try await Venue.query(on: app.db).count()
            let create = try await api.send(.POST, "/api/v1/venues", json: """
                {"name":"越界场馆","type":"villageCentre","regionId":"\(f.micunVillage.id!)","networkRole":"servicePoint","status":"operating","address":"米村"}
                """)
            #expect(create.status == .unprocessableEntity)
            #expect(create.errorFields["regionId"] != nil, "API errors name the JSON field")
            #expect(try await Venue.query(on: app.db).count() == before)
        }
    }

    @Test func evaluatorsSeeStaffFormsReadOnly() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "evaluator")
            let page = try await browser.get(SiteURL.venues(.staffSpaces(.id(f.chengguanStation.id!))).path).body.string
            #expect(page.contains("您的角色只能查看这些信息，不能修改。"))
            #expect(!page.contains("添加场地"), "no add form")
            #expect(!page.contains("/delete\""), "no delete buttons")
            let basics = try await browser.get(SiteURL.venues(.staffShow(.id(f.chengguanStation.id!))).path).body.string
            #expect(basics.contains("<fieldset disabled=\"disabled\" class=\"read-only\">"), "values shown, disabled")
            #expect(basics.contains("value=\"城关镇综合文化站\""))
            let manager = try await Browser.signedIn(app, as: "chengguan")
            let editable = try await manager.get(SiteURL.venues(.staffSpaces(.id(f.chengguanStation.id!))).path).body.string
            #expect(!editable.contains("read-only"))
            #expect(editable.contains("/delete\""))
        }
    }

    @Test func citizensAndVisitorsHaveNoStaffAccess() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let visitor = Browser(app)
            let redirect = try await visitor.get(SiteURL.venues(.staffIndex).path)
            #expect(redirect.status == .seeOther)
            #expect(redirect.location?.hasPrefix("/login?next=") == true)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            #expect(try await citizen.get(SiteURL.staff.path).status == .forbidden)
            #expect(try await APIClient(app: app).send(.PATCH, "/api/v1/venues/\(f.library.id!)", json: "{}").status == .unauthorized)
            #expect(try await APIClient(app: app, token: "ch_invalid").send(.GET, "/api/v1/manage/venues").status == .unauthorized)
        }
    }
}
