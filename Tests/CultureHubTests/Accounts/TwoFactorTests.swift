import Fluent
import Foundation
import OneTimePassword
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct TwoFactorTests {
    private func key(in html: String) throws -> [UInt8] {
        let grouped = try #require(html.firstMatch(of: /密钥：([A-Z2-7 ]+)</)?.1)
        return try #require(Base32.decode(String(grouped)))
    }

    @Test func staffTurnItOnThenSignInNeedsTheCodeOnceAndWrongCodesLock() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let setup = try await staff.get(SiteURL.accounts(.twoFactor).path).body.string
            let secret = try key(in: setup)
            let code = OneTimePassword.TOTP(secret: secret)
            #expect(setup.contains("<svg") && setup.contains("两步验证二维码"))
            let wrong = try await staff.post(SiteURL.accounts(.twoFactor).path, [("code", "000000")])
            #expect(wrong.status == .unprocessableEntity)
            let on = try await staff.post(SiteURL.accounts(.twoFactor).path, [("code", code.code(at: clock.now()))])
            #expect(on.status == .seeOther)
            let stored = try #require(try await Account.query(on: app.db).filter(\.$login == "chengguan").first()?.totpSecret)
            #expect(stored.hasPrefix("v2:1:") && !stored.contains(Base32.encode(secret)), "the secret is encrypted at rest")

            // Password alone no longer signs in.
            clock.advance(by: 60)
            let visitor = Browser(app)
            let afterPassword = try await visitor.login("chengguan")
            #expect(afterPassword.headers.first(name: .location) == SiteURL.loginSecondFactor.path)
            #expect(try await visitor.get(SiteURL.staff.path).status == .seeOther, "not signed in yet")
            let valid = code.code(at: clock.now())
            let done = try await visitor.post(SiteURL.loginSecondFactor.path, [("code", valid)])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == SiteURL.staff.path)
            #expect(try await visitor.get(SiteURL.staff.path).status == .ok)

            // The same code cannot be used twice.
            let replay = Browser(app)
            _ = try await replay.login("chengguan")
            #expect(try await replay.post(SiteURL.loginSecondFactor.path, [("code", valid)]).status == .unprocessableEntity)

            // Five wrong codes lock the account like five wrong passwords.
            for _ in 0..<4 { _ = try await replay.post(SiteURL.loginSecondFactor.path, [("code", "123456")]) }
            let locked = try await Account.query(on: app.db).filter(\.$login == "chengguan").first()
            #expect(locked?.lockedUntil.map { $0 > clock.now() } == true)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$summary == "wrong second-factor code").count() >= 3)

            // A pending sign-in expires after five minutes.
            clock.advance(by: 31 * 60)
            let slow = Browser(app)
            _ = try await slow.login("chengguan")
            clock.advance(by: 301)
            let late = try await slow.post(SiteURL.loginSecondFactor.path, [("code", code.code(at: clock.now()))])
            #expect(late.status == .seeOther && late.headers.first(name: .location) == SiteURL.login.path)
        }
    }

    @Test func turningItOffNeedsACurrentCode() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "micun")
            let secret = try key(in: try await staff.get(SiteURL.accounts(.twoFactor).path).body.string)
            let code = OneTimePassword.TOTP(secret: secret)
            _ = try await staff.post(SiteURL.accounts(.twoFactor).path, [("code", code.code(at: clock.now()))])
            clock.advance(by: 30)

            let refused = try await staff.post(SiteURL.accounts(.twoFactorDisable).path, [("code", "999999")])
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("仍然开启"))
            let off = try await staff.post(SiteURL.accounts(.twoFactorDisable).path, [("code", code.code(at: clock.now()))])
            #expect(off.status == .seeOther)
            #expect(try await Account.query(on: app.db).filter(\.$login == "micun").first()?.totpSecret == nil)
        }
    }

    /// Wrong codes on "turn off two-step" count like wrong sign-in codes (a stolen session could guess otherwise).
    @Test func wrongCodesToTurnItOffCountAndLock() async throws {
        try await withTestApp { app, clock in
            _ = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let secret = try key(in: try await staff.get(SiteURL.accounts(.twoFactor).path).body.string)
            _ = try await staff.post(SiteURL.accounts(.twoFactor).path, [("code", OneTimePassword.TOTP(secret: secret).code(at: clock.now()))])
            for _ in 0..<4 {
                #expect(try await staff.post(SiteURL.accounts(.twoFactorDisable).path, [("code", "000000")]).status == .unprocessableEntity)
            }
            let fifth = try await staff.post(SiteURL.accounts(.twoFactorDisable).path, [("code", "000000")])

            #expect(fifth.status == .seeOther && fifth.location == SiteURL.login.path)
            let account = try #require(try await Account.query(on: app.db).filter(\.$login == "chengguan").first())
            #expect(account.lockedUntil.map { $0 > clock.now() } == true && account.totpSecret != nil)
            #expect(try await staff.get(SiteURL.staff.path).status == .seeOther, "signed out")
        }
    }
}
