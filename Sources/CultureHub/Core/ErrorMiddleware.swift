import AsyncKit
import Fluent
import NIOCore
import PostgresNIO
import Vapor

/// Turns every error into the one shape the client expects (DESIGN §3 rule 5):
/// a localized HTML page, or `{"error":{"code","message","fields"}}` under /api/.
struct AppErrorMiddleware: AsyncMiddleware {
    struct Body: Content {
        struct Detail: Content {
            let code: String
            let message: String
            let fields: [String: String]?
        }
        let error: Detail
    }

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: req)
        } catch {
            let appError = Self.classify(error, req)
            if case .none = appError {
                req.logger.report(error: error)
            }
            let resolved = appError ?? .badRequest(zh: "服务器出了点问题，请稍后再试。", en: "Something went wrong on our side. Please try again later.")
            let status: HTTPResponseStatus = appError == nil ? .internalServerError : resolved.status
            let lang = req.lang
            if req.isAPI {
                var fields: [String: String]? = nil
                if case .invalid(let f) = resolved { fields = f }
                let body = Body(error: .init(code: appError == nil ? "internal" : resolved.code,
                                             message: resolved.message(lang), fields: fields))
                let response = Response(status: status)
                try response.content.encode(body, as: .json)
                if status == .unauthorized { response.headers.replaceOrAdd(name: .wwwAuthenticate, value: "Bearer") }
                if status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "5") }
                return response
            }
            let ctx = PageContext(req)
            let html = ErrorPage.render(ctx, status: status, message: resolved.message(lang))
            let response = Layout.response(html, status: status)
            if status == .serviceUnavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "5") }
            return response
        }
    }

    static func classify(_ error: any Error, _ req: Request) -> AppError? {
        switch error {
        case let app as AppError: return app
        case is DecodingError: return .malformedJSON
        case let db as any DatabaseError where db.isConstraintFailure:
            // Two identical writes at once (a double click, a retry): the database's unique index
            // decides, and the loser is told so instead of seeing a server error.
            return .conflict(zh: "同样的内容刚刚已经保存过（可能是重复提交），或与已有记录冲突。请刷新页面查看后再操作。",
                             en: "The same thing was just saved (perhaps submitted twice), or it clashes with a record. Reload and check.")
        case _ where isUnavailable(error):
            req.application.metrics.databaseUnavailable()
            return .unavailable
        case let abort as any AbortError:
            switch abort.status {
            case .notFound: return .notFound
            case .forbidden: return .forbidden
            case .unauthorized: return .unauthorized
            case .payloadTooLarge: return .payloadTooLarge
            case .unsupportedMediaType:
                return .badRequest(zh: "不支持的请求内容类型。", en: "Unsupported content type.")
            case .badRequest:
                return req.isAPI ? .malformedJSON : .badRequest(zh: "提交的内容无法识别。", en: "The submitted data could not be read.")
            default:
                return abort.status.code < 500 ? .badRequest(zh: "请求无效。", en: abort.reason) : nil
            }
        default: return nil
        }
    }

    /// Errors that mean "the database is not there right now", not "this request is wrong":
    /// the pool cannot connect or hand out a connection, the server closed it, or PostgreSQL is
    /// shutting down or starting up (SQLSTATE class 08 and 57P).
    static func isUnavailable(_ error: any Error) -> Bool {
        switch error {
        case let psql as PSQLError:
            if [.connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .poolClosed].contains(psql.code) { return true }
            if psql.code == .server, let state = psql.serverInfo?[.sqlState] { return state.hasPrefix("08") || state.hasPrefix("57P") }
            return false
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is NIOConnectionError, is IOError, is ChannelError: return true
        default: return false
        }
    }
}

enum ErrorPage {
    static func render(_ ctx: PageContext, status: HTTPResponseStatus, message: String) -> String {
        let title: String = switch status.code {
        case 404: ctx.t("页面不存在", "Not found")
        case 403: ctx.t("无权访问", "Not allowed")
        case 401: ctx.t("请先登录", "Please sign in")
        case 400..<500: ctx.t("请求有误", "Request problem")
        default: ctx.t("系统错误", "Server error")
        }
        return Layout.page(ctx, title: title, [
            H.h1(title),
            H.p(message, cls: "lead"),
            H.el("p", [], H.a(ctx.t("返回首页", "Back to the home page"), href: SiteURL.home.path, cls: "button")),
        ])
    }
}
