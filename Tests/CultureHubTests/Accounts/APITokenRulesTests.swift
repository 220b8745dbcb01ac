import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Issue #20 point 6: tokens expire, are read-only unless made for writing, and a staff member
/// with a password to change uses neither the API nor the token form until it is changed.
@Suite struct APITokenRulesTests {
    static func newToken(_ response: TestingHTTPResponse) throws -> String {
        let html = response.body.string
        return try #require(html.range(of: #"ch_[A-Za-z0-9_-]{40,}"#, options: .regularExpression).map { String(html[$0]) })
    }

    @Test func tokensExpireAndOnlyWriteWhenMadeForWriting() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            try await browser.get(SiteURL.accounts(.home).path)
            let bad = try await browser.post(SiteURL.accounts(.tokens).path, [("name", "x"), ("validDays", "365")])
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("有效期只能选择 7、30 或 90 天"))
            #expect(try await APIToken.query(on: app.db).count() == 0, "nothing is saved")

            let reader = try Self.newToken(try await browser.post(SiteURL.accounts(.tokens).path,
                                                                   [("name", "只读"), ("validDays", "7")]))
            let writer = try Self.newToken(try await browser.post(SiteURL.accounts(.tokens).path,
                                                                   [("name", "写入"), ("validDays", "30"), ("canWrite", "1")]))
            let stored = try await APIToken.query(on: app.db).sort(\.$name).all()
            #expect(Set(stored.map(\.canWrite)) == [false, true])
            let readStored = try #require(stored.first { !$0.canWrite })
            #expect(readStored.expiresAt == clock.now().addingTimeInterval(7 * 86_400))

            let venue = "/api/v1/manage/venues/\(f.chengguanStation.id!)"
            let read = APIClient(app: app, token: reader), write = APIClient(app: app, token: writer)
            #expect(try await read.send(.GET, venue).status == .ok)
            let refused = try await read.send(.POST, "/api/v1/teams", json: "{}")
            #expect(refused.status == .forbidden && refused.errorCode == "token_read_only")
            #expect(refused.body.string.contains("此令牌为只读令牌"))
            let english = try await read.send(.POST, "/api/v1/teams", json: "{}", lang: "en")
            #expect(english.body.string.contains("This token is read-only"))
            let written = try await write.send(.POST, "/api/v1/teams", json: "{}")
            #expect(written.status == .unprocessableEntity, "a writing token reaches the handler's own checks")

            let page = try await browser.get(SiteURL.accounts(.home).path).body.string
            #expect(page.contains("只读") && page.contains("读写") && page.contains("有效期至"))

            clock.advance(by: 8 * 86_400)
            let expired = try await read.send(.GET, venue)
            #expect(expired.status == .unauthorized && expired.errorCode == "unauthorized")
            #expect(try await write.send(.GET, venue).status == .ok, "the 30-day token still works")
            // Eight days idle ended the session too: sign in again to see the list.
            let later = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await later.get(SiteURL.accounts(.home).path).body.string.contains("已过期"))
        }
    }

    @Test func theDefaultTokenIsReadOnlyForNinetyDays() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            try await browser.get(SiteURL.accounts(.home).path)
            #expect(try await browser.post(SiteURL.accounts(.tokens).path, [("name", "默认")]).status == .created)
            let token = try #require(try await APIToken.query(on: app.db).first())
            #expect(!token.canWrite && token.expiresAt == clock.now().addingTimeInterval(90 * 86_400))
        }
    }

    @Test func aPendingPasswordChangeBlocksTheAPIAndNewTokens() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let token = try await Fixtures.token(for: "chengguan", on: app.db)
            try await Account.query(on: app.db).filter(\.$login == "chengguan").set(\.$mustChangePassword, to: true).update()
            let api = APIClient(app: app, token: token)
            let blocked = try await api.send(.GET, "/api/v1/manage/venues/\(f.chengguanStation.id!)")
            #expect(blocked.status == .forbidden && blocked.errorCode == "password_change_required")
            #expect(blocked.body.string.contains("须先修改初始密码"))
            let english = try await api.send(.POST, "/api/v1/teams", json: "{}", lang: "en")
            #expect(english.errorCode == "password_change_required")
            #expect(english.body.string.contains("initial (or reset) password"))

            let browser = try await Browser.signedIn(app, as: "chengguan")
            try await browser.get(SiteURL.accounts(.home).path)
            let refused = try await browser.post(SiteURL.accounts(.tokens).path, [("name", "文旅云对接")])
            #expect(refused.status == .forbidden && refused.body.string.contains("请先修改密码"))
            #expect(try await APIToken.query(on: app.db).count() == 1, "no token is made")
        }
    }

    @Test func anExpiredPasswordBlocksTheAPI() async throws {
        try await withTestApp(settings: { $0.passwordMaxAgeDays = 90 }) { app, clock in
            let f = try await Fixtures.make(on: app)
            try await Account.query(on: app.db).filter(\.$login == "chengguan")
                .set(\.$passwordChangedAt, to: clock.now()).update()
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let venue = "/api/v1/manage/venues/\(f.chengguanStation.id!)"
            #expect(try await api.send(.GET, venue).status == .ok)
            clock.advance(by: 91 * 86_400)
            let blocked = try await api.send(.GET, venue)
            #expect(blocked.status == .forbidden && blocked.errorCode == "password_change_required")
            #expect(blocked.body.string.contains("超过 90 天"))
        }
    }

    @Test func tokensFromBeforeTheUpgradeKeepWritingForNinetyDays() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            // A token row as it stood before the migration: no expiry, and writable (tokens always were).
            let token = try await Fixtures.token(for: "chengguan", on: app.db)
            try await (app.db as! any SQLDatabase).update("api_tokens")
                .set("expires_at", to: SQLLiteral.null).set("can_write", to: SQLBind(false)).run()
            let api = APIClient(app: app, token: token)
            #expect(try await api.send(.GET, "/api/v1/manage/reports").status == .unauthorized, "no expiry counts as expired")

            try await AddAccountLifecycle.grandfatherTokens(now: clock.now(), on: app.db)
            let stored = try #require(try await APIToken.query(on: app.db).first())
            #expect(stored.canWrite && stored.expiresAt == clock.now().addingTimeInterval(90 * 86_400))
            #expect(try await api.send(.GET, "/api/v1/manage/reports").status == .ok)
        }
    }

    @Test func theOpenAPIDocumentSaysTokensExpireAndMayBeReadOnly() async throws {
        try await withTestApp { app, _ in
            let document = try await APIClient(app: app).send(.GET, "/api/v1/openapi.json").body.string
            #expect(document.contains("token_read_only") && document.contains("password_change_required"))
            #expect(document.contains("revoked or expired"))
        }
    }
}
