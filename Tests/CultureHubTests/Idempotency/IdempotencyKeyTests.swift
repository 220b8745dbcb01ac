import Fluent
import Foundation
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// `Idempotency-Key` on API writes (issue #20 point 9), over a real socket: a repeat answers with
/// the first result and writes nothing, concurrent repeats create one record and never a 500.
@Suite struct IdempotencyKeyTests {
    static func complaint(_ f: Fixtures, text: String = "周日下午四点就关门了") -> String {
        "{\"venueId\":\"\(f.chengguanStation.id!)\",\"kind\":\"complaint\",\"category\":\"opening\",\"text\":\"\(text)\"}"
    }

    static func keyRows(_ app: Application) async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM idempotency_keys")
            .first(decoding: Row.self)?.n ?? -1
    }

    @Test func aRepeatAnswersTheFirstResultAndWritesNothing() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let token = try await Citizens.make(1, on: app)[0]
            try await LiveServer.with(app) { live in
                let key = UUID().uuidString
                let first = try await live.api(.POST, "/api/v1/complaints", token: token, key: key, json: Self.complaint(f))
                let again = try await live.api(.POST, "/api/v1/complaints", token: token, key: key, json: Self.complaint(f))
                let unkeyed = try await live.api(.POST, "/api/v1/complaints", token: token, json: Self.complaint(f))

                #expect(first.status == .created && first.headers.first(name: IdempotencyMiddleware.replayedHeader) == nil)
                #expect(again.status == .created && again.text == first.text, "the same answer, the same record")
                #expect(again.headers.first(name: IdempotencyMiddleware.replayedHeader) == "true")
                #expect(again.headers.first(name: .location) == first.headers.first(name: .location))
                #expect(again.headers.contentType == .json)
                #expect(unkeyed.status == .created, "without a key every request runs")
                #expect(try await Complaint.query(on: app.db).count() == 2)
            }
        }
    }

    @Test func aKeyIsTheAccountsAndMeansOneRequest() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let tokens = try await Citizens.make(2, on: app)
            try await LiveServer.with(app) { live in
                let key = "order-2026-0001"
                _ = try await live.api(.POST, "/api/v1/complaints", token: tokens[0], key: key, json: Self.complaint(f))
                let changed = try await live.api(.POST, "/api/v1/complaints", token: tokens[0], key: key,
                                                 json: Self.complaint(f, text: "另一件事"))
                let otherPath = try await live.api(.POST, "/api/v1/demands", token: tokens[0], key: key, json: "{}")
                let otherAccount = try await live.api(.POST, "/api/v1/complaints", token: tokens[1], key: key, json: Self.complaint(f))
                let tooLong = try await live.api(.POST, "/api/v1/complaints", token: tokens[0], key: String(repeating: "k", count: 101),
                                                 json: Self.complaint(f))
                let nonASCII = try await live.api(.POST, "/api/v1/complaints", token: tokens[0], key: "键-1", json: Self.complaint(f))

                #expect(changed.status == .unprocessableEntity && changed.errorCode == "idempotency_key_reused")
                #expect(changed.text.contains("Idempotency-Key"))
                #expect(otherPath.status == .unprocessableEntity && otherPath.errorCode == "idempotency_key_reused")
                #expect(otherAccount.status == .created, "another account's key of the same name is its own")
                #expect(tooLong.status == .badRequest && tooLong.text.contains("1 至 100"))
                #expect(nonASCII.status == .badRequest)
                #expect(try await Complaint.query(on: app.db).count() == 2)
            }
        }
    }

    @Test func twentyConcurrentRepeatsCreateOneRecordAndNever500() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let token = try await Citizens.make(1, on: app)[0]
            let activity = try await Activity.mock(f.chengguanStation, capacity: 50, now: clock.now(), on: app.db)
            try await LiveServer.with(app) { live in
                for (path, body) in [("/api/v1/complaints", Self.complaint(f)),
                                     ("/api/v1/activities/\(activity.id!)/registrations", #"{"places":1}"#)] {
                    let key = UUID().uuidString
                    let replies = try await withThrowingTaskGroup(of: (HTTPStatus, String, String?).self) { group in
                        for _ in 0..<20 {
                            group.addTask {
                                let r = try await live.api(.POST, path, token: token, key: key, json: body)
                                return (r.status, r.text, r.errorCode)
                            }
                        }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    let created = replies.filter { $0.0 == .created }
                    #expect(created.count >= 1 && Set(created.map(\.1)).count == 1, "\(path): every success is the first result")
                    #expect(replies.allSatisfy { $0.0 == .created || ($0.0 == .conflict && $0.2 == "request_in_progress") },
                            "\(path): \(replies.map(\.0.code))")
                }
                #expect(try await Complaint.query(on: app.db).count() == 1)
                #expect(try await Registration.query(on: app.db).count() == 1)
                #expect(try await Activity.find(activity.id, on: app.db)?.confirmedPlaces == 1)
            }
        }
    }

    /// Only successes are remembered: after a server error (or any refusal) a retry with the
    /// same key runs again, and its success is what later repeats get.
    @Test func errorsAreNotRememberedSoARetryRunsAgain() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let token = try await Citizens.make(1, on: app)[0]
            let attempts = CallCount()
            struct Flaky: Error {}
            app.grouped("api", "v1").grouped(APITokenAuthenticator(), IdempotencyMiddleware())
                .post("flaky") { _ async throws -> Response in
                    guard attempts.next() > 1 else { throw Flaky() }
                    return Response(status: .created, body: .init(string: "{\"attempt\":\(attempts.value)}"))
                }
            try await LiveServer.with(app) { live in
                let key = UUID().uuidString
                let failed = try await live.api(.POST, "/api/v1/flaky", token: token, key: key, json: "{}")
                #expect(try await Self.keyRows(app) == 0, "a 500 leaves no key behind")
                let retried = try await live.api(.POST, "/api/v1/flaky", token: token, key: key, json: "{}")
                let repeated = try await live.api(.POST, "/api/v1/flaky", token: token, key: key, json: "{}")

                #expect(failed.status == .internalServerError)
                #expect(retried.status == .created && retried.text == #"{"attempt":2}"#)
                #expect(repeated.status == .created && repeated.text == #"{"attempt":2}"#)
                #expect(repeated.headers.first(name: IdempotencyMiddleware.replayedHeader) == "true")
                #expect(attempts.value == 2)
            }
        }
    }

    @Test func keysExpireAfterADayAndThePurgeRemovesThem() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let api = APIClient(app: app, token: try await Citizens.make(1, on: app)[0])
            func post(_ key: String) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.bearerAuthorization = BearerAuthorization(token: api.token!)
                headers.contentType = .json
                headers.add(name: IdempotencyMiddleware.header, value: key)
                return try await app.testing().sendRequest(.POST, "/api/v1/complaints", headers: headers,
                                                           body: ByteBuffer(string: Self.complaint(f)))
            }
            _ = try await post("a")
            clock.advance(by: 23 * 3600)
            _ = try await post("b")
            #expect(try await post("a").headers.first(name: IdempotencyMiddleware.replayedHeader) == "true")
            #expect(try await IdempotencyStore.purge(now: clock.now(), on: app.db) == 0)

            clock.advance(by: 3600)
            #expect(try await IdempotencyStore.purge(now: clock.now(), on: app.db) == 1, "a is a day old, b is not")
            #expect(try await Self.keyRows(app) == 1)
            let afterADay = try await post("a")
            #expect(afterADay.status == .created && afterADay.headers.first(name: IdempotencyMiddleware.replayedHeader) == nil)
            #expect(try await Complaint.query(on: app.db).count() == 3)
        }
    }

    @Test func theOpenAPIDocumentDeclaresTheHeaderOnEveryWrite() async throws {
        try await withTestApp { app, _ in
            let response = try await APIClient(app: app).send(.GET, "/api/v1/openapi.json")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any])
            let paths = try #require(doc["paths"] as? [String: [String: [String: Any]]])
            let header = "#/components/parameters/IdempotencyKey"
            var writes = 0
            for (path, operations) in paths {
                for (method, operation) in operations {
                    let refs = (operation["parameters"] as? [[String: Any]] ?? []).compactMap { $0["$ref"] as? String }
                    #expect(refs.contains(header) == (method != "get"), "\(method.uppercased()) \(path)")
                    if method != "get" { writes += 1 }
                }
            }
            #expect(writes > 40)
            let components = try #require(doc["components"] as? [String: Any])
            let parameter = try #require((components["parameters"] as? [String: Any])?["IdempotencyKey"] as? [String: Any])
            #expect(parameter["in"] as? String == "header" && parameter["name"] as? String == "Idempotency-Key")
        }
    }
}

/// A thread-safe count of calls, for a handler that fails once.
final class CallCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    var value: Int { lock.withLock { count } }
    func next() -> Int { lock.withLock { count += 1; return count } }
}
