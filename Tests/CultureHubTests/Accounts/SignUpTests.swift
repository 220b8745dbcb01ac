import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Signing up proves the number by SMS code (issue #20 point 4): 5 minutes, 5 tries, one use,
/// a minute between codes, limits per number and per address, and the same answers whether or
/// not the number already has an account.
@Suite struct SignUpTests {
    static let number = "13912345678"

    static func askForCode(_ browser: Browser, _ phone: String = number) async throws -> TestingHTTPResponse {
        _ = try await browser.get(SiteURL.register.path)
        return try await browser.post(SiteURL.registerCode.path, [("phone", phone)])
    }

    /// The whole sign-up as a person does it: number, code from the text message, details.
    @discardableResult
    static func signUp(_ app: Application, _ browser: Browser, phone: String, name: String = "王阿姨",
                       password: String = "abc12345") async throws -> TestingHTTPResponse {
        let sms = app.storage[SMSGatewayKey.self] as? RecordingSMSGateway ?? RecordingSMSGateway.install(on: app)
        _ = try await askForCode(browser, phone)
        let code = try #require(try await sms.code(to: MobileNumber.normalize(phone)!, app: app))
        return try await browser.post(SiteURL.register.path, [("code", code), ("name", name), ("password", password),
                                                              ("confirm", password)])
    }

    static func finish(_ browser: Browser, code: String, password: String = "abc12345") async throws -> TestingHTTPResponse {
        try await browser.post(SiteURL.register.path, [("code", code), ("name", "王阿姨"), ("password", password),
                                                      ("confirm", password)])
    }

    @Test func aCitizenSignsUpWithTheCodeSentToTheirNumber() async throws {
        try await withTestApp { app, _ in
            let sms = RecordingSMSGateway.install(on: app)
            let browser = Browser(app)
            let asked = try await Self.askForCode(browser, "139 1234 5678")
            #expect(asked.status == .seeOther && asked.location == SiteURL.registerConfirm.path)
            let page = try await browser.get(SiteURL.registerConfirm.path)
            #expect(page.body.string.contains("139****5678"))
            let code = try #require(try await sms.code(to: Self.number, app: app))
            let wrong = code == "000000" ? "000001" : "000000"
            let refused = try await Self.finish(browser, code: wrong)
            #expect(refused.status == .unprocessableEntity && refused.body.string.contains("还可以再试 4 次"))
            #expect(try await Account.query(on: app.db).filter(\.$login == Self.number).count() == 0)

            let done = try await Self.finish(browser, code: code)
            #expect(done.status == .seeOther && done.location == SiteURL.accounts(.home).path)
            let account = try #require(try await Account.query(on: app.db).filter(\.$login == Self.number).first())
            #expect(account.role == .citizen && account.phoneVerifiedAt != nil)
            #expect(try await browser.get(SiteURL.accounts(.home).path).body.string.contains("注册成功"))
            // The code leaves the table once sent; it cannot be used twice.
            let stored = try await SMSMessage.query(on: app.db).all()
            #expect(stored.count == 1 && stored[0].secret.isEmpty && stored[0].status == .sent)
            #expect(!stored[0].text.contains(code))
            let again = Browser(app)
            _ = try await Self.askForCode(again, "13912345670")
            #expect(try await Self.finish(again, code: code).status == .unprocessableEntity)
        }
    }

    @Test func fiveWrongTriesEndTheCodeAndItExpiresAfterFiveMinutes() async throws {
        try await withTestApp { app, clock in
            let sms = RecordingSMSGateway.install(on: app)
            let browser = Browser(app)
            _ = try await Self.askForCode(browser)
            let code = try #require(try await sms.code(to: Self.number, app: app))
            let wrong = code == "111111" ? "222222" : "111111"
            for _ in 0..<4 { _ = try await Self.finish(browser, code: wrong) }
            let fifth = try await Self.finish(browser, code: wrong)
            #expect(fifth.body.string.contains("输错次数过多"))
            #expect(try await Self.finish(browser, code: code).status == .unprocessableEntity, "the right code is too late")

            clock.advance(by: 61)
            _ = try await browser.post(SiteURL.registerCode.path, [("phone", Self.number)])
            let second = try #require(try await sms.code(to: Self.number, app: app))
            clock.advance(by: PhoneCodes.validity + 1)
            let late = try await Self.finish(browser, code: second)
            #expect(late.status == .unprocessableEntity && late.body.string.contains("已过期"))
            #expect(try await Account.query(on: app.db).count() == 0)
        }
    }

    @Test func aNewCodeWaitsAMinuteAndReplacesTheOldOne() async throws {
        try await withTestApp { app, clock in
            let sms = RecordingSMSGateway.install(on: app)
            let browser = Browser(app)
            _ = try await Self.askForCode(browser)
            let first = try #require(try await sms.code(to: Self.number, app: app))
            let early = try await browser.post(SiteURL.registerCode.path, [("phone", Self.number)])
            #expect(early.status == .seeOther)
            #expect(try await browser.get(early.location!).body.string.contains("秒后再重新获取"))
            try await SMSSender.run(app)
            #expect(sms.messages.count == 1, "no second text within the minute")
            clock.advance(by: 61)
            _ = try await browser.post(SiteURL.registerCode.path, [("phone", Self.number)])
            let second = try #require(try await sms.code(to: Self.number, app: app))
            #expect(sms.messages.count == 2)
            if first != second {
                #expect(try await Self.finish(browser, code: first).status == .unprocessableEntity, "only the newest works")
            }
            #expect(try await Self.finish(browser, code: second).status == .seeOther)
        }
    }

    @Test func codesAreLimitedPerNumberAndPerAddress() async throws {
        try await withTestApp { app, clock in
            _ = RecordingSMSGateway.install(on: app)
            let browser = Browser(app)
            _ = try await browser.get(SiteURL.register.path)
            for _ in 0..<PhoneCodes.perNumberHour.limit {
                #expect(try await browser.post(SiteURL.registerCode.path, [("phone", Self.number)]).status == .seeOther)
                clock.advance(by: 61)
            }
            let limited = try await browser.post(SiteURL.registerCode.path, [("phone", Self.number)])
            #expect(limited.status == .tooManyRequests && limited.body.string.contains("操作过于频繁"))

            clock.advance(by: 86_400)
            var answers: [HTTPStatus] = []
            for i in 0...PhoneCodes.perAddress.limit {
                answers.append(try await browser.post(SiteURL.registerCode.path, [("phone", "1371234\(String(format: "%04d", i))")]).status)
            }
            #expect(answers.dropLast().allSatisfy { $0 == .seeOther } && answers.last == .tooManyRequests)
            #expect(try await SMSMessage.query(on: app.db).count() == PhoneCodes.perNumberHour.limit + PhoneCodes.perAddress.limit)
        }
    }

    /// Whoever types a number learns nothing about whether it has an account; its owner gets
    /// advice instead of a code, and nothing about the account changes.
    @Test func aRegisteredNumberGetsTheSameAnswerAndAdviceInsteadOfACode() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let sms = RecordingSMSGateway.install(on: app)
            let taken = Browser(app), fresh = Browser(app)
            let a = try await Self.askForCode(taken, "13800000001")
            let b = try await Self.askForCode(fresh, Self.number)
            #expect(a.status == b.status && a.location == b.location)
            let pageA = try await taken.get(SiteURL.registerConfirm.path).body.string
            let pageB = try await fresh.get(SiteURL.registerConfirm.path).body.string
            #expect(pageA.contains("验证码已发送到 138****0001") && pageB.contains("验证码已发送到 139****5678"))
            try await SMSSender.run(app)
            let advice = try #require(sms.messages.first { $0.to == "13800000001" })
            #expect(advice.text.contains("已注册") && advice.text.range(of: #"\d{6}"#, options: .regularExpression) == nil)
            let before = try #require(try await Account.query(on: app.db).filter(\.$login == "13800000001").first())
            for guess in ["000000", "123456"] {
                let answer = try await Self.finish(taken, code: guess, password: "other123")
                #expect(answer.status == .unprocessableEntity && answer.body.string.contains("验证码不对"))
            }
            let after = try #require(try await Account.query(on: app.db).filter(\.$login == "13800000001").first())
            #expect(after.passwordHash == before.passwordHash && after.displayName == before.displayName)
        }
    }

    @Test func theOldOneStepPostCreatesNothing() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            _ = try await browser.get(SiteURL.register.path)
            let old = try await browser.post(SiteURL.register.path, [("phone", Self.number), ("name", "王阿姨"),
                                                                  ("password", "abc12345"), ("confirm", "abc12345")])
            #expect(old.status == .seeOther && old.location == SiteURL.register.path)
            #expect(try await Account.query(on: app.db).count() == 0)
        }
    }

    /// The same code sent twice at once makes one account; the other answer is an error, never a 5xx.
    @Test func twoConfirmationsAtOnceMakeOneAccount() async throws {
        try await withTestApp { app, _ in
            let sms = RecordingSMSGateway.install(on: app)
            let browser = Browser(app)
            _ = try await Self.askForCode(browser)
            let code = try #require(try await sms.code(to: Self.number, app: app))
            let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                for _ in 0..<6 {
                    let copy = Browser(app)
                    copy.cookies = browser.cookies
                    copy.csrf = browser.csrf
                    group.addTask { try await Self.finish(copy, code: code).status }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count >= 1)
            #expect(statuses.allSatisfy { $0.code < 500 }, "\(statuses)")
            #expect(try await Account.query(on: app.db).filter(\.$login == Self.number).count() == 1)
        }
    }
}

/// What an outsider tried against sign-up (issue #20 review): someone who types another person's
/// number cannot use up that person's tries; addresses stay limited; a NUL cannot cut a password.
@Suite struct SignUpAbuseTests {
    @Test func anotherBrowserCannotBurnSomeoneElsesCode() async throws {
        try await withTestApp { app, _ in
            let sms = RecordingSMSGateway.install(on: app)
            let victim = Browser(app), attacker = Browser(app)
            _ = try await SignUpTests.askForCode(victim)
            let code = try #require(try await sms.code(to: SignUpTests.number, app: app))
            // Within the minute the attacker's ask is a "wait", and their guesses reach no code.
            _ = try await SignUpTests.askForCode(attacker)
            for _ in 0..<PhoneCodes.maxAttempts + 1 {
                let guess = try await SignUpTests.finish(attacker, code: code == "000000" ? "000001" : "000000")
                #expect(guess.status == .unprocessableEntity)
            }
            let stolen = try await SignUpTests.finish(attacker, code: code)
            #expect(stolen.status == .unprocessableEntity, "the code is the asking browser's only")
            #expect(try await SignUpTests.finish(victim, code: code).status == .seeOther, "the victim's tries are intact")
        }
    }

    @Test func waitAnswersCountAgainstTheAddressLimit() async throws {
        try await withTestApp { app, _ in
            _ = RecordingSMSGateway.install(on: app)
            var statuses: [HTTPStatus] = []
            for _ in 0...PhoneCodes.perAddress.limit {
                statuses.append(try await SignUpTests.askForCode(Browser(app)).status)
            }
            #expect(statuses.last == .tooManyRequests)
        }
    }

    @Test func passwordsWithControlCharactersAreRefused() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            let sms = RecordingSMSGateway.install(on: app)
            _ = try await SignUpTests.askForCode(browser)
            let code = try #require(try await sms.code(to: SignUpTests.number, app: app))
            let nul = try await SignUpTests.finish(browser, code: code, password: "a1\u{0}zzzzzzzz")
            #expect(nul.status == .unprocessableEntity && nul.body.string.contains("控制字符"))
            #expect(try await Account.query(on: app.db).count() == 0)
        }
    }
}
