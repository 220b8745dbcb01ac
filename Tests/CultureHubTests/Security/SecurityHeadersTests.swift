import AsyncKit
import Foundation
import NIOCore
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct SecurityHeadersTests {
    @Test func everyResponseCarriesTheHeadersAndHSTSOnlyBehindTLS() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let page = try await app.testing().sendRequest(.GET, "/")
            let missing = try await app.testing().sendRequest(.GET, "/no-such-page")
            let api = try await app.testing().sendRequest(.GET, "/api/v1/venues/\(f.library.id!)")
            var proxied = HTTPHeaders()
            proxied.add(name: "X-Forwarded-Proto", value: "https")
            // The header is believed only from a trusted proxy: not from an unknown peer, but from 127.0.0.1 once it is trusted.
            let spoofed = try await app.testing().sendRequest(.GET, "/", headers: proxied)
            #expect(spoofed.headers.first(name: "Strict-Transport-Security") == nil)
            app.settings.trustedProxies = [AddressBlock("127.0.0.1/32")!, AddressBlock("::1/128")!]
            var tls = spoofed
            try await app.testing(method: .running(port: 0)).test(.GET, "/", headers: proxied) { tls = $0 }

            for response in [page, missing, api, tls] {
                let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
                #expect(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"))
                #expect(response.headers.first(name: "X-Frame-Options") == "DENY")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
                #expect(response.headers.first(name: "Referrer-Policy") == "strict-origin-when-cross-origin")
            }
            #expect(page.headers.first(name: "Strict-Transport-Security") == nil)
            #expect(tls.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true)
        }
    }

    /// The policy forbids inline script and style; a page that used them would break silently.
    @Test func pagesHaveNoInlineScriptOrStyle() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, now: clock.now(), on: app.db)
            let visitor = Browser(app)
            let staff = try await Browser.signedIn(app, as: "admin")
            var pages: [String] = []
            for path in ["/", "/venues", "/venues/\(f.library.id!)", "/network", "/notices", "/coverage", "/activities", "/activities/calendar",
                         "/activities/\(activity.id!)", "/menu", "/login", "/register", "/spaces/\(f.chengguanSpace.id!)"] {
                pages.append(try await visitor.get(path).body.string)
            }
            for path in ["/staff", "/staff/activities", "/staff/activities/\(activity.id!)", "/staff/venues", "/staff/bookings", "/staff/audit", "/account"] {
                pages.append(try await staff.get(path).body.string)
            }
            for html in pages {
                #expect(html.contains("<html"))
                #expect(html.firstMatch(of: /<script(?![^>]*\bsrc=)[^>]*>/) == nil, "no inline script")
                #expect(html.firstMatch(of: /\sstyle="/) == nil && !html.contains("<style"), "no inline style")
                #expect(html.firstMatch(of: /\son[a-z]+="/) == nil, "no inline event handlers")
            }
        }
    }
}

@Suite struct UnavailableTests {
    @Test func lostDatabaseConnectionsAnswer503NotOtherErrors() {
        #expect(AppErrorMiddleware.isUnavailable(ConnectionPoolTimeoutError.connectionRequestTimeout))
        #expect(AppErrorMiddleware.isUnavailable(IOError(errnoCode: ECONNREFUSED, reason: "connect")))
        #expect(!AppErrorMiddleware.isUnavailable(AppError.notFound))
        #expect(!AppErrorMiddleware.isUnavailable(DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "x"))))
        #expect(AppError.unavailable.status == .serviceUnavailable && AppError.unavailable.message(.zh).contains("稍后再试"))
    }
}
