import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct AuthTests {
    @Test func citizenRegistersLogsOutAndLogsIn() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            let registered = try await SignUpTests.signUp(app, browser, phone: "139 1234 5678")
            #expect(registered.status == .seeOther)
            #expect(registered.location == SiteURL.accounts(.home).path)
            let account = try await Account.query(on: app.db).filter(\.$login == "13912345678").first()
            #expect(account?.role == .citizen)
            #expect(account?.passwordHash.hasPrefix("$2") == true)
            let page = try await browser.get(SiteURL.accounts(.home).path).body.string
            #expect(page.contains("注册成功"))
            #expect(page.contains("139****5678"))

            #expect(try await browser.post(SiteURL.logout.path, []).status == .seeOther)
            #expect(try await browser.get(SiteURL.accounts(.home).path).status == .seeOther)
            #expect(try await browser.login("13912345678", "abc12345").status == .seeOther)
            #expect(try await browser.get(SiteURL.accounts(.home).path).status == .ok)
        }
    }

    @Test func registrationErrorsAreShownAndNothingIsSaved() async throws {
        try await withTestApp { app, _ in
            _ = RecordingSMSGateway.install(on: app)
            let browser = Browser(app)
            let badNumber = try await SignUpTests.askForCode(browser, "12345")
            #expect(badNumber.status == .unprocessableEntity)
            #expect(badNumber.body.string.contains("请填写11位中国大陆手机号"))
            #expect(badNumber.body.string.contains("value=\"12345\""), "typed input is kept")
            _ = try await SignUpTests.askForCode(browser)
            let response = try await browser.post(SiteURL.register.path, [
                ("code", ""), ("name", ""), ("password", "abcdefgh"), ("confirm", "different1"),
            ])
            let html = response.body.string
            #expect(response.status == .unprocessableEntity)
            #expect(html.contains("密码须同时包含字母和数字"))
            #expect(html.contains("两次输入的密码不一致"))
            #expect(try await Account.query(on: app.db).count() == 0)
        }
    }

    @Test func signingInIssuesANewSessionID() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let browser = Browser(app)
            try await browser.get(SiteURL.login.path)
            #expect(browser.cookies["culturehub_session"] == nil, "reading the sign-in page starts no session")
            // An ID planted in the victim's browser before sign-in (the attacker's own session, say).
            let planted = Browser(app)
            _ = try await planted.login("micun")
            let before = try #require(planted.cookies["culturehub_session"])
            browser.cookies["culturehub_session"] = before
            #expect(try await browser.login("chengguan").status == .seeOther)
            let after = try #require(browser.cookies["culturehub_session"])
            #expect(before != after)
            #expect(try await browser.get(SiteURL.staff.path).status == .ok)
            // The planted ID no longer opens anything.
            let attacker = Browser(app)
            attacker.cookies["culturehub_session"] = before
            #expect(try await attacker.get(SiteURL.staff.path).status == .seeOther)
        }
    }

    @Test func fiveFailuresLockForThirtyMinutesThenUnlock() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let browser = Browser(app)
            let stranger = Browser(app)
            for _ in 1...4 {
                let r = try await browser.login("chengguan", "wrong-pass1")
                let unknown = try await stranger.login("nobody-here", "wrong-pass1")
                #expect(r.status == .unprocessableEntity && unknown.status == .unprocessableEntity)
                #expect(Self.answer(r) == Self.answer(unknown), "a real name and an unknown one get the same answer")
            }
            let fifth = try await browser.login("chengguan", "wrong-pass1")
            let unknownFifth = try await stranger.login("nobody-here", "wrong-pass1")
            #expect(fifth.status == .locked && unknownFifth.status == .locked)
            #expect(fifth.body.string.contains("暂停登录") && Self.answer(fifth) == Self.answer(unknownFifth))

            clock.advance(by: 10 * 60)
            #expect(Self.answer(try await browser.login("chengguan", "x")) == Self.answer(try await stranger.login("nobody-here", "x")))
            clock.advance(by: -10 * 60)
            // The right password does not help while locked.
            let locked = try await browser.login("chengguan")
            #expect(locked.status == .locked)
            #expect(locked.body.string.contains("30 分钟"))

            clock.advance(by: 29 * 60)
            #expect(try await browser.login("chengguan").status == .locked)
            clock.advance(by: 61)
            #expect(try await browser.login("chengguan").status == .seeOther)
            let account = try await Account.query(on: app.db).filter(\.$login == "chengguan").first()!
            #expect(account.failedLogins == 0)
            #expect(account.lockedUntil == nil)
        }
    }

    /// The field error the sign-in page shows, without the rest of the page.
    static func answer(_ response: TestingHTTPResponse) -> String? {
        response.body.string.firstMatch(of: /id="f-password-error"[^>]*>([^<]*)</).map { String($0.1) }
    }

    /// Guesses in flight together each count (a read-modify-write let them share one strike).
    @Test func parallelWrongPasswordsEachCount() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let browsers = try await withThrowingTaskGroup(of: Browser.self) { group in
                for _ in 0..<8 { group.addTask { let b = Browser(app); _ = try await b.get(SiteURL.login.path); return b } }
                return try await group.reduce(into: [Browser]()) { $0.append($1) }
            }
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for b in browsers {
                    group.addTask { try await b.post(SiteURL.login.path, [("login", "chengguan"), ("password", "wrong-pass1")]).status }
                }
                return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
            }
            #expect(statuses.allSatisfy { $0 == .unprocessableEntity || $0 == .locked })
            let account = try #require(try await Account.query(on: app.db).filter(\.$login == "chengguan").first())
            #expect(account.lockedUntil != nil, "eight wrong passwords at once lock the account: \(statuses)")
        }
    }

    @Test func adminUnlocksALockedAccount() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let victim = Browser(app)
            for _ in 1...5 { _ = try await victim.login("micun", "wrong-pass1") }
            let admin = try await Browser.signedIn(app, as: "admin")
            let list = try await admin.get(SiteURL.accounts(.staffIndex).with([("locked", "1")])).body.string
            #expect(list.contains("micun"))
            let account = try await Account.query(on: app.db).filter(\.$login == "micun").first()!
            #expect(try await admin.post(SiteURL.accounts(.staffUnlock(.id(account.id!))).path, []).status == .seeOther)
            #expect(try await victim.login("micun").status == .seeOther)
        }
    }

    @Test func idleSessionsEndAfterTheTimeout() async throws {
        try await withTestApp(settings: { $0.sessionTimeout = 30 * 60 }) { app, clock in
            _ = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            clock.advance(by: 20 * 60)
            #expect(try await browser.get(SiteURL.staff.path).status == .ok, "activity keeps the session alive")
            clock.advance(by: 25 * 60)
            #expect(try await browser.get(SiteURL.staff.path).status == .ok, "25 minutes after the last request")
            clock.advance(by: 31 * 60)
            let expired = try await browser.get(SiteURL.staff.path)
            #expect(expired.status == .seeOther)
            #expect(expired.location?.hasPrefix(SiteURL.login.path) == true)
            #expect(expired.location?.contains("expired=1") == true)
            #expect(try await browser.get(expired.location!).body.string.contains("自动退出"))
        }
    }

    @Test func formsWithoutTheCSRFTokenAreRejectedAndChangeNothing() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            let missing = try await browser.post(SiteURL.venues(.staffHours(.id(f.chengguanStation.id!))).path,
                                                 [("opens_1", "08:00"), ("closes_1", "12:00")], csrf: false)
            #expect(missing.status == .badRequest)
            #expect(missing.body.string.contains("页面已过期"))
            let forged = try await browser.post(SiteURL.venues(.staffHours(.id(f.chengguanStation.id!))).path,
                                                [("opens_1", "08:00"), ("closes_1", "12:00"), ("_csrf", "forged")], csrf: false)
            #expect(forged.status == .badRequest)
            #expect(try await OpeningHours.query(on: app.db).count() == 0)

            // A visitor without a session cannot post the login form either.
            let stranger = Browser(app)
            #expect(try await stranger.post(SiteURL.login.path, [("login", "admin"), ("password", Fixtures.password)], csrf: false).status == .badRequest)
        }
    }

    @Test func adminCreatesStaffWithAScopeThatFitsTheRole() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            try await admin.get(SiteURL.accounts(.staffNew).path)
            let wrong = try await admin.post(SiteURL.accounts(.staffNew).path, [
                ("login", "mc_new"), ("name", "新站长"), ("role", "townshipManager"),
                ("scopeRegion", f.micunVillage.id!.uuidString), ("password", "Start2026"),
            ])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.body.string.contains("应选择一个乡镇/街道"))
            #expect(try await Account.query(on: app.db).filter(\.$login == "mc_new").count() == 0)

            let ok = try await admin.post(SiteURL.accounts(.staffNew).path, [
                ("login", "mc_new"), ("name", "新站长"), ("role", "townshipManager"),
                ("scopeRegion", f.micun.id!.uuidString), ("password", "Start2026"),
            ])
            #expect(ok.status == .seeOther)
            let created = try await Account.query(on: app.db).filter(\.$login == "mc_new").first()
            #expect(created?.scope == .region(path: f.micun.path))

            // The initial password must be replaced before any staff page opens.
            let newcomer = try await Browser.signedIn(app, as: "mc_new", password: "Start2026")
            let blocked = try await newcomer.get(SiteURL.venues(.staffIndex).path)
            #expect(blocked.status == .seeOther && blocked.headers.first(name: .location) == SiteURL.accounts(.home).path + "#password")
            let same = try await newcomer.post(SiteURL.accounts(.password).path, [("current", "Start2026"), ("password", "Start2026"), ("confirm", "Start2026")])
            #expect(same.status == .unprocessableEntity && same.body.string.contains("不能与当前密码相同"))
            let changed = try await newcomer.post(SiteURL.accounts(.password).path, [("current", "Start2026"), ("password", "Mi2026cun!"), ("confirm", "Mi2026cun!")])
            #expect(changed.status == .seeOther)
            #expect(try await newcomer.get(SiteURL.venues(.staffIndex).path).status == .ok)

            // A township manager may not manage accounts at all.
            let manager = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await manager.get(SiteURL.accounts(.staffIndex).path).status == .forbidden)
        }
    }

    @Test func apiTokensAreCreatedUsedAndRevokedFromTheAccountPage() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            try await browser.get(SiteURL.accounts(.home).path)
            let created = try await browser.post(SiteURL.accounts(.tokens).path, [("name", "文旅云对接")])
            #expect(created.status == .created)
            let html = created.body.string
            let token = try #require(html.range(of: #"ch_[A-Za-z0-9_-]{40,}"#, options: .regularExpression).map { String(html[$0]) })
            let api = APIClient(app: app, token: token)
            #expect(try await api.send(.GET, "/api/v1/manage/venues/\(f.chengguanStation.id!)").status == .ok)
            let stored = try await APIToken.query(on: app.db).first()!
            #expect(stored.tokenHash != token, "only the hash is stored")
            let page = try await browser.get(SiteURL.accounts(.home).path).body.string
            #expect(!page.contains("从未使用"), "the account page writes pending use times before showing them")

            #expect(try await browser.post(SiteURL.accounts(.token(.id(stored.id!))).path, []).status == .seeOther)
            #expect(try await api.send(.GET, "/api/v1/manage/venues/\(f.chengguanStation.id!)").status == .unauthorized)
        }
    }
}

@Suite struct PasswordExpiryTests {
    @Test func aStaffPasswordOlderThanTheLimitMustBeChangedCitizensAreNotAsked() async throws {
        try await withTestApp(settings: { $0.passwordMaxAgeDays = 90 }) { app, clock in
            _ = try await Fixtures.make(on: app)
            // Creation times come from the wall clock; the policy counts from the last change.
            try await Account.query(on: app.db).filter(\.$login == "chengguan").set(\.$passwordChangedAt, to: clock.now()).update()
            let fresh = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await fresh.get(SiteURL.venues(.staffIndex).path).status == .ok)

            clock.advance(by: 91 * 86_400)
            let later = try await Browser.signedIn(app, as: "chengguan")
            let blocked = try await later.get(SiteURL.venues(.staffIndex).path)
            let account = try await later.get(SiteURL.accounts(.home).path)
            #expect(blocked.status == .seeOther && blocked.headers.first(name: .location) == SiteURL.accounts(.home).path + "#password")
            #expect(account.body.string.contains("超过 90 天"))

            _ = try await later.post(SiteURL.accounts(.password).path, [("current", Fixtures.password), ("password", "Cg2026new!"), ("confirm", "Cg2026new!")])
            #expect(try await later.get(SiteURL.venues(.staffIndex).path).status == .ok)
            clock.advance(by: 89 * 86_400)
            let again = try await Browser.signedIn(app, as: "chengguan", password: "Cg2026new!")
            #expect(try await again.get(SiteURL.venues(.staffIndex).path).status == .ok, "89 days after the change: still valid")
        }
    }
}
