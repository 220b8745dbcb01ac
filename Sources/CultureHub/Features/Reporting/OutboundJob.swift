import Fluent
import Foundation
import SQLKit

public enum JobStatus: String, Codable, Sendable {
    case pending, running, done, dead
}

/// One piece of outbound work (a report to push), kept in the database so any app process can
/// do it and none does it twice (DESIGN §6). A crashed worker's claim runs out and the job
/// is claimed again; the idempotency key makes that second delivery harmless.
public final class OutboundJob: Model, @unchecked Sendable {
    public static let schema = "outbound_jobs"

    @ID(key: .id) public var id: UUID?
    @Field(key: "kind") public var kind: String
    @Field(key: "subject_id") public var subjectID: UUID
    @Field(key: "idempotency_key") public var idempotencyKey: String
    @Field(key: "status") public var status: JobStatus
    @Field(key: "attempts") public var attempts: Int
    @Field(key: "next_attempt_at") public var nextAttemptAt: Date
    @OptionalField(key: "locked_by") public var lockedBy: String?
    @OptionalField(key: "locked_until") public var lockedUntil: Date?
    @Field(key: "last_error") public var lastError: String
    @Field(key: "created_at") public var createdAt: Date
    @OptionalField(key: "finished_at") public var finishedAt: Date?

    public init() {}

    convenience init(kind: String, subjectID: UUID, key: String, now: Date) {
        self.init()
        self.kind = kind
        self.subjectID = subjectID
        idempotencyKey = key
        status = .pending
        attempts = 0
        nextAttemptAt = now
        lastError = ""
        createdAt = now
    }
}

enum JobQueue {
    static let reportKind = "cloud.report"
    /// Attempts before a job is given up (about a day of backing off).
    static let maxAttempts = 12

    /// Wait before attempt n+1: 30 s, 1 min, 2 min … capped at 4 hours.
    static func backoff(afterAttempt n: Int) -> TimeInterval { min(30 * pow(2, Double(max(0, n - 1))), 4 * 3600) }

    /// Claims up to `limit` due jobs for `worker` until `lease` runs out. On PostgreSQL the
    /// candidate rows are locked with `FOR UPDATE SKIP LOCKED`, so two processes claiming at
    /// once take different jobs; SQLite has one writer at a time, so its claim is a single
    /// statement under the write lock.
    static func claim(kind: String, worker: String, limit: Int, lease: TimeInterval, now: Date, on db: any Database) async throws -> [OutboundJob] {
        let sql = db as! any SQLDatabase
        let skipLocked: SQLQueryString = sql.dialect.name == "postgresql" ? " FOR UPDATE SKIP LOCKED" : ""
        let claimed: [UUID] = try await db.writeTransaction { tx in
            struct Row: Decodable { let id: UUID }
            return try await (tx as! any SQLDatabase).raw("""
                UPDATE outbound_jobs SET status = 'running', locked_by = \(bind: worker), locked_until = \(bind: now.addingTimeInterval(lease)),
                    attempts = attempts + 1
                WHERE id IN (SELECT id FROM outbound_jobs
                             WHERE kind = \(bind: kind) AND ((status = 'pending' AND next_attempt_at <= \(bind: now))
                                OR (status = 'running' AND locked_until < \(bind: now)))
                             ORDER BY next_attempt_at LIMIT \(bind: limit)\(skipLocked))
                RETURNING id
                """).all(decoding: Row.self).map(\.id)
        }
        guard !claimed.isEmpty else { return [] }
        return try await OutboundJob.query(on: db).filter(\.$id ~~ claimed).sort(\.$nextAttemptAt).all()
    }

    /// Done, if this worker still holds the job (a claim that ran out may have passed to another).
    static func finish(_ job: OutboundJob, worker: String, now: Date, on db: any Database) async throws {
        try await (db as! any SQLDatabase).raw("""
            UPDATE outbound_jobs SET status = 'done', finished_at = \(bind: now), locked_by = NULL, locked_until = NULL, last_error = ''
            WHERE id = \(bind: job.requireID()) AND locked_by = \(bind: worker)
            """).run()
    }

    /// Back to pending with a later attempt, or dead when the attempts are used up. Reports whether it died.
    @discardableResult
    static func retry(_ job: OutboundJob, worker: String, error: String, giveUp: Bool = false, now: Date, on db: any Database) async throws -> Bool {
        let dead = giveUp || job.attempts >= maxAttempts
        try await (db as! any SQLDatabase).raw("""
            UPDATE outbound_jobs SET status = \(bind: dead ? JobStatus.dead.rawValue : JobStatus.pending.rawValue),
                next_attempt_at = \(bind: now.addingTimeInterval(backoff(afterAttempt: job.attempts))),
                locked_by = NULL, locked_until = NULL, last_error = \(bind: String(error.prefix(500)))
            WHERE id = \(bind: job.requireID()) AND locked_by = \(bind: worker)
            """).run()
        return dead
    }

    /// Jobs not yet done, for `/metrics`.
    static func backlog(on db: any Database) async throws -> (waiting: Int, dead: Int) {
        let waiting = try await OutboundJob.query(on: db).filter(\.$status ~~ [.pending, .running]).count()
        let dead = try await OutboundJob.query(on: db).filter(\.$status == .dead).count()
        return (waiting, dead)
    }
}
