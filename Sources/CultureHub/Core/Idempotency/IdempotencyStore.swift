import Fluent
import Foundation
import SQLKit
import Vapor

/// The table behind `Idempotency-Key` (API) and one-time form tokens (pages), issue #20 point 9.
/// A request claims its key by inserting a pending row: the unique index on (owner, key) lets
/// exactly one of several identical requests in flight do the work, on SQLite and PostgreSQL
/// alike, with no lock held across the handler. The winner then records its answer (or removes
/// the row when the answer should not be repeated), and later repeats replay that answer.
enum IdempotencyStore {
    static let table = "idempotency_keys"
    /// How long a key is remembered; repeats after that run again.
    static let lifetime: TimeInterval = 24 * 3600
    /// A pending row this old belongs to a process that died mid-request (no request holds a
    /// connection that long: the pool gives up after 60 s), so a repeat may take the key over.
    static let abandonedAfter: TimeInterval = 300

    /// What a repeat gets back: the first answer's status, its content type and redirect target,
    /// and its body.
    struct Answer: Sendable, Equatable {
        let status: Int
        let contentType: String?
        let location: String?
        let body: Data?

        func response(replayed: Bool) -> Response {
            var headers = HTTPHeaders()
            if let contentType { headers.replaceOrAdd(name: .contentType, value: contentType) }
            if let location { headers.replaceOrAdd(name: .location, value: location) }
            if replayed { headers.replaceOrAdd(name: IdempotencyMiddleware.replayedHeader, value: "true") }
            return Response(status: HTTPResponseStatus(statusCode: status), headers: headers,
                            body: body.map { .init(data: $0) } ?? .empty)
        }
    }

    enum Claim: Sendable, Equatable {
        /// This request owns the key: run it, then `finish` or `release`.
        case claimed(UUID)
        /// The key's first request is done: answer with what it answered.
        case done(Answer)
        /// The key's first request is still running.
        case inFlight
        /// The key was used for a different request.
        case mismatch
    }

    private struct Row: Decodable {
        let id: UUID
        let fingerprint: String
        let state: String
        let status: Int?
        let content_type: String?
        let location: String?
        let body: Data?
        let created_at: Date
    }

    static func claim(owner: String, key: String, fingerprint: String, now: Date, on db: any Database) async throws -> Claim {
        let sql = db as! any SQLDatabase
        // A few rounds: a stale row found on the way is removed and the insert tried again.
        for _ in 0..<3 {
            let id = UUID()
            do {
                try await sql.insert(into: table)
                    .columns("id", "owner", "key", "fingerprint", "state", "created_at")
                    .values(SQLBind(id), SQLBind(owner), SQLBind(key), SQLBind(fingerprint), SQLBind("pending"), SQLBind(now))
                    .run()
                return .claimed(id)
            } catch let error as any DatabaseError where error.isConstraintFailure {}
            guard let row = try await sql.select().columns("*").from(table)
                .where("owner", .equal, SQLBind(owner)).where("key", .equal, SQLBind(key))
                .first(decoding: Row.self) else { continue }  // released meanwhile: claim again
            let age = now.timeIntervalSince(row.created_at)
            if age >= lifetime || (row.state == "pending" && age >= abandonedAfter) {
                try await sql.delete(from: table).where("id", .equal, SQLBind(row.id)).run()
                continue
            }
            guard row.fingerprint == fingerprint else { return .mismatch }
            guard row.state == "done", let status = row.status else { return .inFlight }
            return .done(Answer(status: status, contentType: row.content_type, location: row.location, body: row.body))
        }
        return .inFlight
    }

    /// Records the answer of the request that claimed `id`.
    static func finish(_ id: UUID, with answer: Answer, on db: any Database) async throws {
        try await (db as! any SQLDatabase).update(table)
            .set("state", to: SQLBind("done"))
            .set("status", to: SQLBind(answer.status))
            .set("content_type", to: SQLBind(answer.contentType))
            .set("location", to: SQLBind(answer.location))
            .set("body", to: SQLBind(answer.body))
            .where("id", .equal, SQLBind(id))
            .run()
    }

    /// Forgets a claimed key whose answer must not be repeated (an error): a retry runs again.
    static func release(_ id: UUID, on db: any Database) async throws {
        try await (db as! any SQLDatabase).delete(from: table).where("id", .equal, SQLBind(id)).run()
    }

    /// Removes keys past their lifetime; any app process may run it at any time.
    @discardableResult
    static func purge(now: Date, on db: any Database) async throws -> Int {
        try await (db as! any SQLDatabase).delete(from: table)
            .where("created_at", .lessThanOrEqual, SQLBind(now.addingTimeInterval(-lifetime)))
            .returning("id").all().count
    }

    static func task() -> PeriodicTask {
        PeriodicTask("idempotency key purge", after: .minutes(2), every: .hours(1)) { app in
            let purged = try await purge(now: app.clock.now(), on: app.db)
            if purged > 0 { app.logger.info("purged \(purged) expired idempotency keys") }
        }
    }

    /// What identifies "the same request": method, path with query, and body. A multipart body's
    /// boundary is chosen afresh by the browser on every submit, so it is left out.
    static func fingerprint(_ req: Request) -> String {
        var body = req.body.data.map { Data(buffer: $0) } ?? Data()
        if let boundary = req.headers.contentType?.parameters["boundary"], !boundary.isEmpty {
            body = body.replacing(Data(boundary.utf8), with: Data())
        }
        return Hex.sha256(Data("\(req.method.rawValue) \(req.url.string)\n".utf8) + body)
    }
}
