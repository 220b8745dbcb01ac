import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// A citizen confirms the number an older account signs in with, or moves to a new number;
/// either way the number proves itself by code first (issue #20 point 4).
@Suite struct PhoneTests {
    static func unconfirmedCitizen(_ app: Application, login: String = "13700000002") async throws -> Browser {
        let a = Account(login: login, displayName: "李大姐", passwordHash: try await app.password.async.hash(Fixtures.password),
                        role: .citizen)
        try await a.create(on: app.db)
        return try await Browser.signedIn(app, as: login)
    }

    @Test func anOlderAccountConfirmsItsNumber() async throws {
        try await withTestApp { app, _ in
            let sms = RecordingSMSGateway.install(on: app)
            let citizen = try await Self.unconfirmedCitizen(app)
            #expect(try await citizen.get(SiteURL.accounts(.home).path).body.string.contains("尚未验证"))
            #expect(try await citizen.get(SiteURL.accounts(.phone).path).status == .ok)
            let sent = try await citizen.post(SiteURL.accounts(.phoneCode).path, [("purpose", "verify")])
            #expect(sent.status == .seeOther)
            let code = try #require(try await sms.code(to: "13700000002", app: app))
            let confirmed = try await citizen.post(SiteURL.accounts(.phoneConfirm).path, [("code", code)])
            #expect(confirmed.status == .seeOther)
            let account = try #require(try await Account.query(on: app.db).filter(\.$login == "13700000002").first())
            #expect(account.phoneVerifiedAt != nil)
            #expect(try await citizen.get(SiteURL.accounts(.home).path).body.string.contains("手机号已验证"))
        }
    }

    @Test func movingToANewNumberNeedsThePasswordAndTheNewNumbersCode() async throws {
        try await withTestApp { app, _ in
            let sms = RecordingSMSGateway.install(on: app)
            let citizen = try await Self.unconfirmedCitizen(app)
            let wrongPassword = try await citizen.post(SiteURL.accounts(.phoneCode).path,
                                                       [("purpose", "change"), ("phone", "13700000003"), ("password", "nope1234")])
            #expect(wrongPassword.status == .unprocessableEntity && wrongPassword.body.string.contains("密码不对"))
            try await SMSSender.run(app)
            #expect(sms.messages.isEmpty)
            _ = try await citizen.post(SiteURL.accounts(.phoneCode).path,
                                       [("purpose", "change"), ("phone", "137 0000 0003"), ("password", Fixtures.password)])
            let code = try #require(try await sms.code(to: "13700000003", app: app))
            #expect(try await citizen.post(SiteURL.accounts(.phoneConfirm).path, [("code", code)]).status == .seeOther)
            let moved = try #require(try await Account.query(on: app.db).filter(\.$login == "13700000003").first())
            #expect(moved.phoneVerifiedAt != nil)
            #expect(try await Browser(app).login("13700000002").status == .unprocessableEntity)
            #expect(try await Browser(app).login("13700000003").status == .seeOther)
        }
    }

    @Test func aNumberThatHasAnAccountCannotBeTaken() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let sms = RecordingSMSGateway.install(on: app)
            let citizen = try await Self.unconfirmedCitizen(app)
            let asked = try await citizen.post(SiteURL.accounts(.phoneCode).path,
                                               [("purpose", "change"), ("phone", "13800000001"), ("password", Fixtures.password)])
            #expect(asked.status == .seeOther, "the same answer as for a free number")
            try await SMSSender.run(app)
            let advice = try #require(sms.messages.last)
            #expect(advice.to == "13800000001" && advice.text.range(of: #"\d{6}"#, options: .regularExpression) == nil)
            let refused = try await citizen.post(SiteURL.accounts(.phoneConfirm).path, [("code", "123456")])
            #expect(refused.status == .unprocessableEntity)
            #expect(try await Account.query(on: app.db).filter(\.$login == "13700000002").count() == 1)
        }
    }

    @Test func staffHaveNoNumberToConfirm() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await staff.get(SiteURL.accounts(.phone).path).status == .forbidden)
            #expect(try await staff.post(SiteURL.accounts(.phoneCode).path, [("purpose", "verify")]).status == .forbidden)
        }
    }
}
