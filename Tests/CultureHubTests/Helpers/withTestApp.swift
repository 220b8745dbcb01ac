import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// One fresh database per test: in-memory SQLite, or a private schema on PostgreSQL when
/// `TEST_DATABASE_URL` is set (DESIGN §3 rule 11). The app is built by the same `configure`.
func withTestApp(
    clock: ManualClock = ManualClock(),
    settings adjust: (inout Settings) -> Void = { _ in },
    _ body: (Application, ManualClock) async throws -> Void
) async throws {
    var settings = Settings.forTesting()
    settings.logLevel = "warning"
    adjust(&settings)
    // Each app may open 8 PostgreSQL connections; Swift Testing starts every test at once, which
    // ran a 300-connection server out of slots. SQLite in memory needs no limit.
    let gate = settings.database.isPostgres ? TestAppGate.postgres : nil
    await gate?.enter()
    defer { if let gate { Task { await gate.leave() } } }
    let app = try await Application.make(.testing)
    do {
        try await configure(app, settings: settings, clock: clock, bcryptCost: 4)
        try await prepareDatabase(app)
        try await app.autoMigrate()
        try await body(app, clock)
        // Every test's writes must leave an unbroken audit chain.
        let audit = try await AuditLog.verify(on: app.db)
        #expect(audit.firstBreak == nil, "audit chain: \(audit.firstBreak.map { $0.message(.en) } ?? "")")
    } catch {
        await dropSchema(app, settings)
        try? await app.asyncShutdown()
        throw error
    }
    await dropSchema(app, settings)
    try await app.asyncShutdown()
}

private func dropSchema(_ app: Application, _ settings: Settings) async {
    // Pending "last used" times are written at shutdown; write them while the schema exists.
    try? await app.tokenUsage.flush(on: app.db)
    if case .postgres(_, let schema?) = settings.database, let sql = app.db as? any SQLDatabase {
        try? await sql.raw("DROP SCHEMA IF EXISTS \(ident: schema) CASCADE").run()
    }
}

/// A user agent with a cookie jar that fills in the CSRF token, like a browser would.
final class Browser: @unchecked Sendable {
    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?
    var acceptLanguage = "zh-CN"

    init(_ app: Application) { self.app = app }

    @discardableResult
    func get(_ path: String) async throws -> TestingHTTPResponse {
        let response = try await app.testing().sendRequest(.GET, path, headers: headers())
        remember(response)
        Self.expectNoFullMobileNumber(response, path: path, sent: path)
        return response
    }

    /// DESIGN §3 rule 10 and issue #4: no page or export shows a whole mobile number, except
    /// one the visitor just typed (a form shown again with its errors, a search box), the
    /// holder's own data download, and the logged contact view staff ask for one person at a
    /// time. Every page the suite opens is scanned.
    static func expectNoFullMobileNumber(_ response: TestingHTTPResponse, path: String, sent: String) {
        guard !path.hasPrefix(SiteURL.accounts(.data).path), !path.hasSuffix("/contact") else { return }
        // Eleven digits starting 13–19, not inside a longer run of letters or digits (ids, tokens).
        for hit in response.body.string.matches(of: /(?:^|[^0-9A-Za-z_\-])(1[3-9][0-9]{9})(?![0-9A-Za-z_\-])/) where !sent.contains(hit.1) {
            Issue.record("\(path) shows a whole mobile number: \(String(hit.1))")
        }
    }

    /// Posts a form; the CSRF token is added unless `csrf: false`.
    @discardableResult
    func post(_ path: String, _ form: [(String, String)], csrf includeToken: Bool = true) async throws -> TestingHTTPResponse {
        if includeToken && csrf == nil { try await get(SiteURL.login.path) }
        var fields = form
        if includeToken, let csrf { fields.append(("_csrf", csrf)) }
        let body = fields.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        var h = headers()
        h.contentType = .urlEncodedForm
        let response = try await app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(string: body))
        remember(response)
        Self.expectNoFullMobileNumber(response, path: path, sent: path + "?" + body)
        return response
    }

    /// A browser already signed in as `login`.
    static func signedIn(_ app: Application, as login: String, password: String = Fixtures.password) async throws -> Browser {
        let browser = Browser(app)
        let response = try await browser.login(login, password)
        #expect(response.status == .seeOther, "\(login) signs in")
        return browser
    }

    /// Opens the sign-in page first, as a person would, then submits it.
    func login(_ login: String, _ password: String = Fixtures.password) async throws -> TestingHTTPResponse {
        try await get(SiteURL.login.path)
        return try await post(SiteURL.login.path, [("login", login), ("password", password)])
    }

    private func headers() -> HTTPHeaders {
        var h = HTTPHeaders()
        if !cookies.isEmpty { h.add(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        h.add(name: .acceptLanguage, value: acceptLanguage)
        return h
    }

    private func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            let name = String(pair[0]), value = String(pair[1])
            if header.contains("Max-Age=0") || header.contains("Expires=Thu, 01 Jan 1970") { cookies[name] = nil } else { cookies[name] = value }
        }
        let html = response.body.string
        if let range = html.range(of: #"name="_csrf" value="([^"]+)""#, options: .regularExpression) {
            let match = String(html[range])
            csrf = match.components(separatedBy: "value=\"")[1].dropLast().description
        }
    }

    private func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? s
    }
}

/// JSON API calls with an optional bearer token.
struct APIClient {
    let app: Application
    var token: String?

    func send(_ method: HTTPMethod, _ path: String, json: String? = nil, lang: String = "zh-CN") async throws -> TestingHTTPResponse {
        var h = HTTPHeaders()
        if let token { h.bearerAuthorization = BearerAuthorization(token: token) }
        h.add(name: .acceptLanguage, value: lang)
        if json != nil { h.contentType = .json }
        return try await app.testing().sendRequest(method, path, headers: h, body: json.map { ByteBuffer(string: $0) })
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
    var errorCode: String? {
        (try? JSONSerialization.jsonObject(with: Data(body.string.utf8)) as? [String: Any])
            .flatMap { $0["error"] as? [String: Any] }?["code"] as? String
    }
    var errorFields: [String: String] {
        ((try? JSONSerialization.jsonObject(with: Data(body.string.utf8)) as? [String: Any])
            .flatMap { $0["error"] as? [String: Any] }?["fields"] as? [String: String]) ?? [:]
    }
}

/// Lets at most `limit` test apps hold database connections at once (`TEST_PG_APPS`, default 12).
actor TestAppGate {
    static let postgres = TestAppGate(limit: ProcessInfo.processInfo.environment["TEST_PG_APPS"].flatMap(Int.init) ?? 12)

    private let limit: Int
    private var inside = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = max(1, limit) }

    func enter() async {
        if inside < limit { inside += 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { inside -= 1 } else { waiting.removeFirst().resume() }
    }
}

private extension Settings.Database {
    var isPostgres: Bool { if case .postgres = self { true } else { false } }
}
