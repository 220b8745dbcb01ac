import Vapor

/// Field name → message, already in the user's language.
public typealias FieldErrors = [String: String]

/// The one error type of the app (DESIGN §3 rule 5). Messages are localized when rendered.
public enum AppError: Error, Sendable, Equatable {
    case notFound
    case forbidden
    /// A refusal the person can understand and act on (use a citizen account, ask the bureau).
    case refused(zh: String, en: String)
    case unauthorized
    case badRequest(zh: String, en: String)
    case invalid(FieldErrors)
    case conflict(zh: String, en: String)
    case payloadTooLarge
    case locked(until: Date)
    case tooManyRequests(zh: String, en: String)
    /// The database cannot be reached right now (restart, failover, network): try again soon.
    case unavailable
    /// A staff member's initial, reset or expired password must be replaced first (nil: not expired
    /// but set by someone else; a number: older than that many days).
    case passwordChangeRequired(maxAgeDays: Int?)
    /// A read-only API token tried to change something.
    case tokenReadOnly
    /// An `Idempotency-Key` (or form token) sent again while its first request still runs.
    case requestInProgress
    /// An `Idempotency-Key` sent again with a different request.
    case idempotencyKeyReused

    public var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden, .refused, .passwordChangeRequired, .tokenReadOnly: .forbidden
        case .unauthorized: .unauthorized
        case .badRequest: .badRequest
        case .invalid: .unprocessableEntity
        case .conflict, .requestInProgress: .conflict
        case .idempotencyKeyReused: .unprocessableEntity
        case .payloadTooLarge: .payloadTooLarge
        case .locked: .locked
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    var code: String {
        switch self {
        case .notFound: "not_found"
        case .forbidden, .refused: "forbidden"
        case .unauthorized: "unauthorized"
        case .badRequest: "bad_request"
        case .invalid: "validation_failed"
        case .conflict: "conflict"
        case .payloadTooLarge: "payload_too_large"
        case .locked: "account_locked"
        case .tooManyRequests: "too_many_requests"
        case .unavailable: "unavailable"
        case .passwordChangeRequired: "password_change_required"
        case .tokenReadOnly: "token_read_only"
        case .requestInProgress: "request_in_progress"
        case .idempotencyKeyReused: "idempotency_key_reused"
        }
    }

    func message(_ lang: Lang) -> String {
        switch self {
        case .notFound: lang.t("找不到您要的页面或记录。", "The page or record you asked for does not exist.")
        case .forbidden: lang.t("您的账号无权进行此操作。", "Your account may not do this.")
        case .refused(let zh, let en): lang.t(zh, en)
        case .unauthorized: lang.t("请先登录。", "Please sign in first.")
        case .badRequest(let zh, let en): lang.t(zh, en)
        case .invalid: lang.t("提交的内容有误，请按提示修改。", "Some fields need correcting.")
        case .conflict(let zh, let en): lang.t(zh, en)
        case .payloadTooLarge: lang.t("提交的内容太大。", "The request body is too large.")
        case .locked: lang.t("登录失败次数过多，账号已暂时锁定，请30分钟后再试。", "Too many failed sign-ins; the account is locked for 30 minutes.")
        case .tooManyRequests(let zh, let en): lang.t(zh, en)
        case .unavailable: lang.t("系统暂时无法访问数据库，请稍后再试。您刚才的操作没有生效。", "The database cannot be reached right now; please try again shortly. What you just did was not saved.")
        case .passwordChangeRequired(nil):
            lang.t("此账号须先修改初始密码（或管理员重置的密码）才能使用接口，请登录网页在“我的账号”中修改。",
                   "This account must replace its initial (or reset) password before using the API: "
                       + "sign in on the website and change it under My account.")
        case .passwordChangeRequired(let days?):
            lang.t("此账号的密码已使用超过 \(days) 天，须先修改密码才能使用接口，请登录网页在“我的账号”中修改。",
                   "This account's password is over \(days) days old and must be changed before using the API: "
                       + "sign in on the website and change it under My account.")
        case .tokenReadOnly:
            lang.t("此令牌为只读令牌，只能查询数据，不能新增或修改。如需写入，请在“我的账号”中创建一个勾选“用于写入”的令牌。",
                   "This token is read-only: it may read but not change anything. "
                       + "For writes, create a token marked “for writing” under My account.")
        case .requestInProgress:
            lang.t("同一请求仍在处理中，请稍候刷新页面或查看“我的”记录确认结果，不必再次提交。",
                   "The same request is still being processed. Wait a moment, then reload or check your records; "
                       + "there is no need to submit it again.")
        case .idempotencyKeyReused:
            lang.t("此 Idempotency-Key 已用于另一个不同的请求。每个新请求请使用新的键，重试时请原样重发同一请求。",
                   "This Idempotency-Key was already used for a different request. Use a new key for each new request, "
                       + "and resend a retry unchanged.")
        }
    }

    static let malformedJSON = AppError.badRequest(zh: "请求内容不是有效的 JSON。", en: "The request body is not valid JSON.")
}

extension AppError: AbortError {
    public var reason: String { message(.en) }
}

extension AppError {
    /// What to tell the person after a redirect (a flash message), for the errors a person can
    /// fix or understand; nil for the rest, which the error middleware answers.
    var userMessage: (zh: String, en: String)? {
        switch self {
        case .requestInProgress: (message(.zh), message(.en))
        case .conflict(let zh, let en), .badRequest(let zh, let en), .tooManyRequests(let zh, let en), .refused(let zh, let en): (zh, en)
        // Field errors are already in the request's language.
        case .invalid(let errors):
            errors.keys.sorted().first.flatMap { errors[$0] }.map { ($0, $0) }
        default: nil
        }
    }
}
