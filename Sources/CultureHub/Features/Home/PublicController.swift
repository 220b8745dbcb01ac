import Fluent
import Vapor

enum PublicController {
    @Sendable static func home(req: Request) async throws -> Response {
        Layout.response(HomeView.render(PageContext(req), try await HomePage.build(req)))
    }

    @Sendable static func venues(req: Request) async throws -> Response {
        Layout.response(VenueDirectoryView.render(PageContext(req), try await VenueDirectoryPage.build(req)))
    }

    @Sendable static func venue(req: Request) async throws -> Response {
        Layout.response(VenueShowView.render(PageContext(req), try await VenueShowPage.build(req)))
    }

    @Sendable static func network(req: Request) async throws -> Response {
        Layout.response(NetworkView.render(PageContext(req), try await NetworkPage.build(req)))
    }

    @Sendable static func notices(req: Request) async throws -> Response {
        Layout.response(NoticeBoardView.render(PageContext(req), try await NoticeBoardPage.build(req)))
    }

    @Sendable static func coverage(req: Request) async throws -> Response {
        Layout.response(CoverageView.render(PageContext(req), try await CoveragePage.build(on: req.db)))
    }

    /// The language and large-type switches: a cookie, then back to where the user was.
    @Sendable static func preference(req: Request) async throws -> Response {
        let name = req.parameters.get("name") ?? ""
        let value = (try? req.query.get(String.self, at: "value")) ?? ""
        // Only same-site paths, so the switch cannot be used as an open redirect.
        let target = LocalRedirect.target(try? req.query.get(String.self, at: "next"), fallback: "/")
        let response = req.redirect(to: target)
        let oneYear = 365 * 24 * 3600
        switch name {
        case "lang":
            guard let lang = Lang(rawValue: value) else { throw AppError.notFound }
            response.cookies["lang"] = HTTPCookies.Value(string: lang.rawValue, maxAge: oneYear, path: "/", isHTTPOnly: true, sameSite: .lax)
        case "large":
            response.cookies["large"] = HTTPCookies.Value(string: value == "1" ? "1" : "0", maxAge: oneYear, path: "/", isHTTPOnly: true, sameSite: .lax)
        default:
            throw AppError.notFound
        }
        return response
    }

    @Sendable static func health(req: Request) async throws -> Response {
        do {
            _ = try await Region.query(on: req.db).limit(1).count()
            return try await ["status": "ok", "database": "ok"].encodeResponse(status: .ok, for: req)
        } catch {
            req.logger.error("health check failed: \(error)")
            return try await ["status": "unavailable", "database": "error"].encodeResponse(status: .serviceUnavailable, for: req)
        }
    }
}
