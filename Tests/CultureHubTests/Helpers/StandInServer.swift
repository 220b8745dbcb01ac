import Testing
import Vapor
@testable import CultureHub

/// Serves a stand-in for another system (the culture cloud, an SMS relay) on a free local port,
/// runs `body` with the URL of `path`, and stops it whatever happens.
func withStandInServer(path: String, register: (Application) -> Void,
                       _ body: (String) async throws -> Void) async throws {
    let app = try await Application.make(.testing)
    register(app)
    app.logger.logLevel = .error
    try await app.server.start(address: .hostname("127.0.0.1", port: 0))
    let port = try #require(app.http.server.shared.localAddress?.port)
    do {
        try await body("http://127.0.0.1:\(port)/\(path)")
    } catch {
        await app.server.shutdown()
        try? await app.asyncShutdown()
        throw error
    }
    await app.server.shutdown()
    try await app.asyncShutdown()
}
