import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct PasswordTests {
    @Test func anyoneChangesTheirOwnPassword() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "13800000001")
            try await browser.get(SiteURL.accounts(.home).path)
            let wrong = try await browser.post(SiteURL.accounts(.password).path, [("current", "nope1234"), ("password", "short"), ("confirm", "x")])
            #expect(wrong.status == .unprocessableEntity)
            let html = wrong.body.string
            #expect(html.contains("当前密码不正确") && html.contains("密码至少 8 位") && html.contains("两次输入的密码不一致"))
            let ok = try await browser.post(SiteURL.accounts(.password).path, [("current", Fixtures.password), ("password", "NewPass2026"), ("confirm", "NewPass2026")])
            #expect(ok.status == .seeOther)
            #expect(try await browser.get(SiteURL.accounts(.home).path).body.string.contains("密码已修改"))
            let again = Browser(app)
            #expect(try await again.login("13800000001").status == .unprocessableEntity)
            #expect(try await again.login("13800000001", "NewPass2026").status == .seeOther)
        }
    }

    @Test func adminFindsACitizenByFullNumberAndResetsTheirPassword() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            let list = try await admin.get(SiteURL.accounts(.staffIndex).path).body.string
            #expect(!list.contains("138****0001"), "citizens are not listed")
            let found = try await admin.get(SiteURL.accounts(.staffIndex).with([("q", "13800000001")])).body.string
            #expect(found.contains("138****0001") && !found.contains("13800000001<"))
            let citizen = try #require(try await Account.query(on: app.db).filter(\.$login == "13800000001").first())
            let url = SiteURL.accounts(.staffPassword(.id(citizen.id!))).path
            #expect(try await admin.get(url).status == .ok)
            #expect(try await admin.post(url, [("password", "abc")]).status == .unprocessableEntity)
            #expect(try await admin.post(url, [("password", "Temp2026x")]).status == .seeOther)
            #expect(try await Browser(app).login("13800000001", "Temp2026x").status == .seeOther)

            // Only administrators reset passwords.
            let manager = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await manager.post(url, [("password", "Hijack2026")]).status == .forbidden)
            #expect(try await Browser(app).login("13800000001", "Temp2026x").status == .seeOther)
        }
    }
}
