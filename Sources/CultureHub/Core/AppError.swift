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

    public var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .forbidden, .refused: .forbidden
        case .unauthorized: .unauthorized
        case .badRequest: .badRequest
        case .invalid: .unprocessableEntity
        case .conflict: .conflict
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
        case .conflict(let zh, let en), .badRequest(let zh, let en), .tooManyRequests(let zh, let en), .refused(let zh, let en): (zh, en)
        // Field errors are already in the request's language.
        case .invalid(let errors):
            errors.keys.sorted().first.flatMap { errors[$0] }.map { ($0, $0) }
        default: nil
        }
    }
}
