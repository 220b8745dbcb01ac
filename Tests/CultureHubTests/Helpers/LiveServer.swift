import Foundation
import Testing
import Vapor
@testable import CultureHub

/// The test app served on a real socket, for requests that must travel over HTTP: VaporTesting's
/// `.running` mode starts and stops the server around each request, so it cannot send several
/// at once. Redirects are not followed, so a test sees the 303 a browser would get.
struct LiveServer: Sendable {
    let app: Application
    let base: String

    static func with(_ app: Application, _ body: (LiveServer) async throws -> Void) async throws {
        app.http.client.configuration.redirectConfiguration = .disallow
        try await app.asyncBoot()
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            let port = try #require(app.http.server.shared.localAddress?.port)
            try await body(LiveServer(app: app, base: "http://127.0.0.1:\(port)"))
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }

    func send(_ method: HTTPMethod, _ path: String, headers: HTTPHeaders = [:],
              body: String? = nil) async throws -> ClientResponse {
        try await app.client.send(method, headers: headers, to: URI(string: base + path)) { request in
            if let body { request.body = ByteBuffer(string: body) }
        }
    }

    /// A JSON API call with a bearer token and, optionally, an `Idempotency-Key`.
    func api(_ method: HTTPMethod, _ path: String, token: String, key: String? = nil,
             json: String? = nil) async throws -> ClientResponse {
        var headers = HTTPHeaders()
        headers.bearerAuthorization = BearerAuthorization(token: token)
        headers.add(name: .acceptLanguage, value: "zh-CN")
        if let key { headers.add(name: IdempotencyMiddleware.header, value: key) }
        if json != nil { headers.contentType = .json }
        return try await send(method, path, headers: headers, body: json)
    }
}

extension ClientResponse {
    var text: String { body.map { String(buffer: $0) } ?? "" }
    var errorCode: String? {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            .flatMap { $0["error"] as? [String: Any] }?["code"] as? String
    }
}
