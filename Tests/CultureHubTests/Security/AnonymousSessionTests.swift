import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Reading pages stores nothing on the server (issue #20: every anonymous GET of a page with a
/// form created a session row that was never purged). A session starts at sign-in or at the
/// first form post that needs one.
@Suite struct AnonymousSessionTests {
    static func sessionRows(_ app: Application) async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM web_sessions").first(decoding: Row.self)?.n ?? -1
    }

    @Test func readingFormsCreatesNoSessionAndTheFormsStillWork() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, now: clock.now(), on: app.db)
            for path in ["/login", "/register", "/activities/\(activity.id!)", "/demands", "/"] {
                for _ in 0..<3 { _ = try await app.testing().sendRequest(.GET, path) }
            }
            #expect(try await Self.sessionRows(app) == 0)

            // A visitor's form token lives in a cookie; forged or missing, the post is refused.
            let visitor = Browser(app)
            let page = try await visitor.get("/login")
            #expect(page.headers[.setCookie].contains { $0.hasPrefix("culturehub_csrf=") && $0.contains("HttpOnly") })
            let stranger = Browser(app)
            stranger.csrf = visitor.csrf
            #expect(try await stranger.post("/login", [("login", "chengguan"), ("password", Fixtures.password)]).status == .badRequest,
                    "a token without its cookie is worth nothing")
            let signedIn = try await visitor.post("/login", [("login", "chengguan"), ("password", Fixtures.password)])
            #expect(signedIn.status == .seeOther)
            #expect(try await Self.sessionRows(app) == 1, "the session starts at sign-in")
            #expect(try await visitor.get("/staff").status == .ok)
        }
    }

    @Test func anInventedSessionCookieOnAReadStoresNothing() async throws {
        try await withTestApp { app, _ in
            var headers = HTTPHeaders()
            headers.add(name: .cookie, value: "culturehub_session=invented-by-a-visitor")
            for _ in 0..<5 { _ = try await app.testing().sendRequest(.GET, "/activities", headers: headers) }
            #expect(try await Self.sessionRows(app) == 0)
        }
    }

    /// Idle sessions end at the timeout even before the purge runs, and the purge removes them
    /// while keeping every session still in use.
    @Test func idleSessionsExpireAndArePurged() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let idle = try await Browser.signedIn(app, as: "chengguan")
            let busy = try await Browser.signedIn(app, as: "admin")
            #expect(try await Self.sessionRows(app) == 2)
            let timeout = app.settings.sessionTimeout
            clock.advance(by: timeout - 120)
            #expect(try await busy.get("/staff").status == .ok, "a request within the timeout keeps the session")
            clock.advance(by: 121)
            let purged = try await SessionPurge.run(on: app.db as! any SQLDatabase, now: clock.now(), timeout: timeout)
            #expect(purged == 1)
            #expect(try await Self.sessionRows(app) == 1)
            #expect(try await idle.get("/staff").status == .seeOther, "the idle session is gone")
            #expect(try await busy.get("/staff").status == .ok)
        }
    }

    @Test func anExpiredSessionReadsAsNoneBeforeThePurge() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            clock.advance(by: app.settings.sessionTimeout + 1)
            #expect(try await Self.sessionRows(app) == 1, "not purged yet")
            let page = try await staff.get("/staff")
            #expect(page.status == .seeOther)
        }
    }

    /// A page view that changes nothing in the session writes nothing.
    @Test func unchangedSessionsAreNotRewritten() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await staff.get("/staff").status == .ok, "the first page stores the form token")
            struct Seen: Decodable { let seen_at: Date }
            let sql = app.db as! any SQLDatabase
            let before = try await sql.raw("SELECT seen_at FROM web_sessions").first(decoding: Seen.self)?.seen_at
            clock.advance(by: 30)
            #expect(try await staff.get("/staff").status == .ok)
            #expect(try await sql.raw("SELECT seen_at FROM web_sessions").first(decoding: Seen.self)?.seen_at == before)
            clock.advance(by: 31)
            #expect(try await staff.get("/staff").status == .ok)
            let after = try await sql.raw("SELECT seen_at FROM web_sessions").first(decoding: Seen.self)?.seen_at
            #expect(after.map { $0 > before! } == true, "the minute's heartbeat refreshes it")
        }
    }

    @Test func closingAnAccountEndsItsSessionsByID() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            _ = try await Browser.signedIn(app, as: "chengguan")
            let other = try await Browser.signedIn(app, as: "admin")
            let chengguan = try #require(try await Account.query(on: app.db).filter(\.$login == "chengguan").first())
            try await SessionPurge.endAll(of: chengguan.requireID(), on: app.db as! any SQLDatabase)
            #expect(try await Self.sessionRows(app) == 1)
            #expect(try await other.get("/staff").status == .ok)
        }
    }
}
