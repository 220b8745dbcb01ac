import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// One-time form tokens on the pages' create actions (issue #20 point 9): a double submit lands
/// where the first did and creates one record. The manual clock starts on 2026-11-18 (Beijing).
@Suite struct OnceFormTests {
    static func once(_ page: TestingHTTPResponse) throws -> String {
        try #require(page.body.string.firstMatch(of: /name="_once" value="([^"]+)"/).map { String($0.1) })
    }

    static func complaintPage(_ f: Fixtures) -> String {
        SiteURL.feedback(.complaintNew).with([("venue", f.chengguanStation.id!.uuidString)])
    }

    static func complaintForm(_ f: Fixtures, text: String = "周日下午四点就关门了") -> [(String, String)] {
        [("venue", f.chengguanStation.id!.uuidString), ("kind", "complaint"), ("category", "opening"),
         ("text", text), ("contact", "online")]
    }

    @Test func aDoubleSubmittedComplaintLandsOnTheFirstOne() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let path = SiteURL.feedback(.complaintNew).path
            let page = try await citizen.get(Self.complaintPage(f))
            let token = try Self.once(page)

            let first = try await citizen.post(path, Self.complaintForm(f) + [("_once", token)])
            let second = try await citizen.post(path, Self.complaintForm(f) + [("_once", token)])
            let edited = try await citizen.post(path, Self.complaintForm(f, text: "周六上午也没开门") + [("_once", token)])
            let cached = try await citizen.post(path, Self.complaintForm(f))

            #expect(first.status == .seeOther && second.status == .seeOther)
            #expect(second.location == first.location, "the repeat lands on the complaint the first one filed")
            #expect(second.headers.first(name: IdempotencyMiddleware.replayedHeader) == "true")
            #expect(edited.status == .seeOther && edited.location != first.location, "a changed form is a new request")
            #expect(cached.status == .seeOther, "a form without the token (an older page) still works")
            #expect(try await Complaint.query(on: app.db).count() == 3)
            #expect(try Self.once(try await citizen.get(Self.complaintPage(f))) != token, "each form gets its own")
        }
    }

    /// A browser picks a new multipart boundary for each submit; the repeat is still the same form.
    @Test func aDoubleSubmittedMultipartFormCreatesOneComplaint() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let token = try Self.once(try await citizen.get(Self.complaintPage(f)))
            func post(boundary: String) async throws -> TestingHTTPResponse {
                var body = ""
                for (name, value) in Self.complaintForm(f) + [("_csrf", citizen.csrf!), ("_once", token)] {
                    body += "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n"
                }
                body += "--\(boundary)--\r\n"
                var headers = HTTPHeaders()
                headers.add(name: .cookie, value: citizen.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                return try await app.testing().sendRequest(.POST, SiteURL.feedback(.complaintNew).path, headers: headers,
                                                           body: ByteBuffer(string: body))
            }
            let first = try await post(boundary: "----WebKitFormBoundaryA1b2C3d4E5f6G7h8")
            let second = try await post(boundary: "----WebKitFormBoundaryZ9y8X7w6V5u4T3s2")

            #expect(first.status == .seeOther && second.location == first.location)
            #expect(try await Complaint.query(on: app.db).count() == 1)
        }
    }

    @Test func aDoubleSubmittedBookingAndOrderCreateOneEach() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            for day in 1...7 {
                try await OpeningHours(venueID: f.chengguanStation.id!, weekday: day, opensAt: 8 * 60, closesAt: 21 * 60).create(on: app.db)
            }
            let item = try await ServiceItem.mock(f.library, quantity: 3, on: app.db)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let village = try await Browser.signedIn(app, as: "cgvillage")
            let day = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now()).day(after: 3)
            let booking = [("phone", "13912345678"), ("purpose", "豫剧排练"), ("attendees", "15"), ("date", day),
                           ("starts", "14:00"), ("ends", "16:00")]
            let spacePage = try await citizen.get(SiteURL.spaces(.show(.id(f.chengguanSpace.id!))).path)
            let orderPage = try await village.get(SiteURL.orders(.staffNew).path)
            let (bookingToken, orderToken) = (try Self.once(spacePage), try Self.once(orderPage))

            var landed: [String?] = []
            for _ in 0..<2 {
                let b = try await citizen.post(SiteURL.spaces(.book(.id(f.chengguanSpace.id!))).path, booking + [("_once", bookingToken)])
                let o = try await village.post(SiteURL.orders(.staffNew).path,
                                               OrderTests.form(item, f.chengguanVillage) + [("_once", orderToken)])
                #expect(b.status == .seeOther && o.status == .seeOther)
                landed.append(o.location)
            }

            #expect(try await SpaceBooking.query(on: app.db).count() == 1)
            #expect(try await ServiceOrder.query(on: app.db).count() == 1)
            let order = try #require(try await ServiceOrder.query(on: app.db).first())
            #expect(landed == Array(repeating: SiteURL.orders(.staffShow(.id(order.id!))).path, count: 2))
        }
    }

    /// Twelve clicks at once over real sockets: the first files the complaint, the others wait for
    /// it and land on the same page; none is a server error.
    @Test func concurrentSubmitsOfOneFormCreateOneRecord() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let item = try await ServiceItem.mock(f.library, quantity: 3, on: app.db)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let village = try await Browser.signedIn(app, as: "cgvillage")
            let complaintToken = try Self.once(try await citizen.get(Self.complaintPage(f)))
            let orderToken = try Self.once(try await village.get(SiteURL.orders(.staffNew).path))
            try await LiveServer.with(app) { live in
                for (browser, path, form) in [
                    (citizen, SiteURL.feedback(.complaintNew).path, Self.complaintForm(f) + [("_once", complaintToken)]),
                    (village, SiteURL.orders(.staffNew).path, OrderTests.form(item, f.chengguanVillage) + [("_once", orderToken)]),
                ] {
                    let body = (form + [("_csrf", browser.csrf!)]).map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }
                        .joined(separator: "&")
                    var headers = HTTPHeaders()
                    headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                    headers.contentType = .urlEncodedForm
                    let (sent, target) = (headers, path)
                    let replies = try await withThrowingTaskGroup(of: (HTTPStatus, String?).self) { group in
                        for _ in 0..<12 {
                            group.addTask {
                                let r = try await live.send(.POST, target, headers: sent, body: body)
                                return (r.status, r.headers.first(name: .location))
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    let landed = Set(replies.filter { $0.0 == .seeOther }.map(\.1))
                    #expect(landed.count == 1, "\(path): \(landed)")
                    #expect(replies.allSatisfy { $0.0 == .seeOther || $0.0 == .conflict }, "\(path): \(replies.map(\.0.code))")
                }
            }
            #expect(try await Complaint.query(on: app.db).count() == 1)
            #expect(try await ServiceOrder.query(on: app.db).count() == 1)
        }
    }

    /// A first post still running when the patience runs out: the repeat is told so, in words.
    @Test func aRepeatWhileTheFirstStillRunsGetsA409Page() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let token = try Self.once(try await citizen.get(Self.complaintPage(f)))
            let form = Self.complaintForm(f) + [("_once", token), ("_csrf", citizen.csrf!)]
            // The first request's claim, as if it were still at work (and not yet abandoned).
            let account = try #require(try await Account.query(on: app.db).filter(\.$login == "13800000001").first())
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            let body = form.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
            let request = Request(application: app, method: .POST, url: URI(path: SiteURL.feedback(.complaintNew).path),
                                  headers: headers, collectedBody: ByteBuffer(string: body), on: app.eventLoopGroup.next())
            let fingerprint = IdempotencyStore.fingerprint(request)
            _ = try await IdempotencyStore.claim(owner: "account:\(account.id!)", key: "form:\(token):\(fingerprint)",
                                                 fingerprint: fingerprint, now: clock.now(), on: app.db)

            let started = ContinuousClock.now
            let repeated = try await citizen.post(SiteURL.feedback(.complaintNew).path, Self.complaintForm(f) + [("_once", token)])

            #expect(repeated.status == .conflict && repeated.body.string.contains("同一请求仍在处理中"))
            #expect(ContinuousClock.now - started >= OnceFormMiddleware.patience, "it waited for the first to finish")
            #expect(try await Complaint.query(on: app.db).count() == 0)
        }
    }

    @Test func readingAFormPageStoresNothing() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let visitor = Browser(app)
            let page = try await visitor.get(SiteURL.login.path)
            _ = try Self.once(page)
            #expect(try await IdempotencyKeyTests.keyRows(app) == 0)
            struct Row: Decodable { let n: Int }
            let sessions = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM web_sessions").first(decoding: Row.self)
            #expect(sessions?.n == 0, "the one-time token lives in the page, not in a session")
        }
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
}
