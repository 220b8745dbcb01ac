import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// A 6-digit code sent to a mobile number to prove it belongs to whoever typed it. Only its hash
/// is kept; each code is for one purpose and one number, lasts 5 minutes, allows 5 tries and
/// works once.
final class PhoneCode: Model, @unchecked Sendable {
    static let schema = "phone_codes"

    enum Purpose: String, Codable, Sendable {
        /// Signing up with this number.
        case register
        /// Confirming the number an older account already signs in with.
        case verify
        /// Moving an account to this new number.
        case change
    }

    @ID(key: .id) var id: UUID?
    @Field(key: "phone") var phone: String
    @Field(key: "purpose") var purpose: Purpose
    @OptionalField(key: "account_id") var accountID: UUID?
    /// A hash of the asking browser's session nonce: only that browser may try the code, so
    /// someone who types another person's number cannot use up that person's tries.
    @Field(key: "requester") var requester: String
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "consumed_at") var consumedAt: Date?

    init() {}

    static func hash(_ code: String, id: UUID) -> String {
        Hex.string(SHA256.hash(data: Data("\(id.uuidString):\(code)".utf8)))
    }
}

enum PhoneCodes {
    static let validity: TimeInterval = 5 * 60
    static let maxAttempts = 5
    static let resendAfter: TimeInterval = 60
    static let perNumberHour = RateLimit(name: "sms-number", limit: 5, window: 3600)
    static let perNumberDay = RateLimit(name: "sms-number-day", limit: 10, window: 86_400)
    static let perAddress = RateLimit(name: "sms-ip", limit: 20, window: 3600)

    enum Sent: Equatable {
        case sent
        /// The last code to this number for this purpose is younger than a minute.
        case wait(seconds: Int)
        case limited(AppError)
    }

    /// Sends a new code for `purpose` to `phone`. With `informOnly`, the person gets that text and
    /// no working code, while the answer, the timing and the limits are the same as for a code:
    /// whoever typed the number cannot tell an existing account from a new one.
    static func send(to phone: String, purpose: PhoneCode.Purpose, account: UUID?, informOnly: String? = nil,
                     on req: Request) async throws -> Sent {
        let now = req.now
        // Counted before anything else, so even "wait a minute" answers are limited per address.
        if !(try await perAddress.allow(req.clientAddress, now: now, on: req.db)) {
            return .limited(perAddress.refusal(now: now, lang: req.lang))
        }
        if let last = try await PhoneCode.query(on: req.db).filter(\.$phone == phone).filter(\.$purpose == purpose)
            .sort(\.$createdAt, .descending).first(), now.timeIntervalSince(last.createdAt) < resendAfter {
            return .wait(seconds: max(1, Int((resendAfter - now.timeIntervalSince(last.createdAt)).rounded(.up))))
        }
        for (limit, subject) in [(perNumberHour, phone), (perNumberDay, phone)] {
            if !(try await limit.allow(subject, now: now, on: req.db)) {
                return .limited(limit.refusal(now: now, lang: req.lang))
            }
        }
        let code = String(format: "%06d", Int.random(in: 0...999_999))
        let record = PhoneCode()
        record.id = UUID()
        record.phone = phone
        record.purpose = purpose
        record.accountID = account
        record.requester = requester(req)
        // An informational message carries no code: the row exists so that what follows (the
        // resend wait, a wrong-code answer) looks the same as for a real code.
        record.codeHash = PhoneCode.hash(informOnly == nil ? code : CSRF.randomToken(), id: record.id!)
        record.attempts = 0
        record.createdAt = now
        record.expiresAt = now.addingTimeInterval(validity)
        let text = informOnly ?? codeText(purpose, lang: req.lang, signature: req.settings.smsSignature)
        try await req.db.writeTransaction { tx in
            // Only the newest code for a number and purpose works.
            try await PhoneCode.query(on: tx).filter(\.$phone == phone).filter(\.$purpose == purpose)
                .filter(\.$consumedAt == nil).set(\.$consumedAt, to: now).update()
            try await record.create(on: tx)
            try await SMSSender.enqueue(SMSMessage(to: phone, purpose: purpose.rawValue, text: text,
                                                   secret: informOnly == nil ? code : "", now: now), on: tx)
        }
        SMSSender.kick(req.application)
        if req.settings.isDemo, req.settings.smsURL == nil { req.session.data[demoCodeKey] = code }
        return .sent
    }

    /// In the demo no text leaves the machine, so the page shows the code it would have sent.
    static let demoCodeKey = "demo_sms_code"
    static let requesterKey = "code_requester"

    /// This browser's hashed nonce, made on first use (the code flows are posts, so the session
    /// they start is one a visitor asked for).
    static func requester(_ req: Request) -> String {
        let nonce = req.session.data[requesterKey] ?? {
            let fresh = CSRF.randomToken()
            req.session.data[requesterKey] = fresh
            return fresh
        }()
        return Hex.string(SHA256.hash(data: Data(nonce.utf8)))
    }

    enum Checked: Equatable {
        case confirmed
        case wrong(triesLeft: Int)
        case expired
        case tooManyTries
    }

    /// Checks `code` against the newest code for `phone` and `purpose`, counting the try first
    /// (one statement, so parallel guesses each count) and using the code up when right. Run it
    /// in the transaction that acts on the result, so a failed save leaves the code unused.
    static func check(_ raw: String, phone: String, purpose: PhoneCode.Purpose, account: UUID?, requester: String,
                      now: Date, on db: any Database) async throws -> Checked {
        let code = raw.filter { !$0.isWhitespace }
        var query = PhoneCode.query(on: db).filter(\.$phone == phone).filter(\.$purpose == purpose)
            .filter(\.$requester == requester).filter(\.$consumedAt == nil).filter(\.$expiresAt > now)
        if let account { query = query.filter(\.$accountID == account) }
        guard let record = try await query.sort(\.$createdAt, .descending).first(), let id = record.id else {
            return .expired
        }
        struct Tries: Decodable { let attempts: Int }
        let sql = db as! any SQLDatabase
        guard let tries = try await sql.raw("""
            UPDATE phone_codes SET attempts = attempts + 1
            WHERE id = \(bind: id) AND attempts < \(bind: maxAttempts) AND consumed_at IS NULL RETURNING attempts
            """).first(decoding: Tries.self) else { return .tooManyTries }
        let expected = Array(record.codeHash.utf8), given = Array(PhoneCode.hash(code, id: id).utf8)
        let same = expected.count == given.count && zip(expected, given).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
        guard same else {
            return tries.attempts >= maxAttempts ? .tooManyTries : .wrong(triesLeft: maxAttempts - tries.attempts)
        }
        let used = try await sql.raw("""
            UPDATE phone_codes SET consumed_at = \(bind: now) WHERE id = \(bind: id) AND consumed_at IS NULL RETURNING id
            """).all()
        return used.isEmpty ? .expired : .confirmed
    }

    static func codeText(_ purpose: PhoneCode.Purpose, lang: Lang, signature: String) -> String {
        let code = SMSMessage.secretPlaceholder
        switch purpose {
        case .register:
            return signature + lang.t("您的注册验证码是 \(code)，5 分钟内有效。请勿告诉他人。",
                                      "Your sign-up code is \(code), valid for 5 minutes. Do not share it.")
        case .verify:
            return signature + lang.t("您正在验证手机号，验证码 \(code)，5 分钟内有效。请勿告诉他人。",
                                      "Your code to confirm this number is \(code), valid for 5 minutes. Do not share it.")
        case .change:
            return signature + lang.t("您正在把账号换到本号码，验证码 \(code)，5 分钟内有效。如非本人操作，请忽略。",
                                      "Your code to move your account to this number is \(code), valid for 5 minutes. "
                                        + "If this was not you, ignore it.")
        }
    }

    /// The text for a number that already has an account: what to do instead, and no code.
    static func alreadyRegisteredText(_ purpose: PhoneCode.Purpose, lang: Lang, signature: String) -> String {
        signature + (purpose == .register
            ? lang.t("此号码已注册过账号，请直接登录；忘记密码可带身份证件到市图书馆或市文化馆服务台重置。如非本人操作，请忽略。",
                     "This number already has an account: please sign in. Forgot the password? Bring ID to the "
                        + "city library or cultural centre desk. If this was not you, ignore this message.")
            : lang.t("有人想把另一个账号换到本号码，但本号码已有账号，未作任何更改。如非本人操作，请忽略。",
                     "Someone tried to move another account to this number, which already has one; nothing "
                        + "was changed. If this was not you, ignore this message."))
    }

    /// The words a person sees for a refused code.
    static func problem(_ result: Checked, lang: Lang) -> String {
        switch result {
        case .confirmed: ""
        case .wrong(let left):
            lang.t("验证码不对，还可以再试 \(left) 次。", "That code is wrong; \(left) tries left.")
        case .expired:
            lang.t("验证码已过期或已使用，请重新获取。", "The code has expired or was used; please ask for a new one.")
        case .tooManyTries:
            lang.t("验证码输错次数过多，请重新获取。", "Too many wrong codes; please ask for a new one.")
        }
    }

    static func waitText(_ seconds: Int, lang: Lang) -> String {
        lang.t("验证码已发送，请 \(seconds) 秒后再重新获取。", "A code was just sent; you can ask again in \(seconds) seconds.")
    }
}
