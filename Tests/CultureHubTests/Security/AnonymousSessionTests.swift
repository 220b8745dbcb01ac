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
        return try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM _fluent_sessions").first(decoding: Row.self)?.n ?? -1
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
}
