import Fluent
import SQLKit

extension Database {
    /// A transaction for writes that must not interleave (places, slots).
    ///
    /// On SQLite, SQLite allows one writer at a time anyway, so these transactions queue
    /// in the process (`SQLiteWriters`) instead of in SQLite's busy handler, whose spinning
    /// or sleeping back-off collapses throughput under load. Each begins IMMEDIATE: the
    /// write lock is taken up front, so a stray write from elsewhere cannot make it fail
    /// half-way with SQLITE_BUSY, as a deferred BEGIN (Fluent's default) can. PostgreSQL's
    /// row locks need nothing special.
    func writeTransaction<T: Sendable>(_ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        // Audit events of the transaction are appended just before it commits (AuditLog).
        let events = PendingEvents()
        // Fluent runs the body in a task started from an event-loop callback, which does not
        // inherit task-local values: carry the acting person across by hand.
        let actor = AuditLog.actor, suppressed = AuditLog.modelEventsSuppressed
        let body: @Sendable (any Database) async throws -> T = { tx in
            let result = try await AuditLog.$actor.withValue(actor) {
                try await AuditLog.$modelEventsSuppressed.withValue(suppressed) {
                    try await AuditLog.$pending.withValue(events) { try await body(tx) }
                }
            }
            try await AuditLog.append(events.take(), on: tx)
            return result
        }
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite" else {
            return try await transaction(body)
        }
        // Connection first, then the gate: the gate's holder must never wait for a pool
        // connection, or every writer queues behind the reads of one event loop.
        return try await withConnection { connection in
            await SQLiteWriters.gate.enter()
            do {
                let result = try await Self.immediate(connection, body)
                await SQLiteWriters.gate.leave()
                return result
            } catch {
                await SQLiteWriters.gate.leave()
                throw error
            }
        }
    }

    private static func immediate<T: Sendable>(_ connection: any Database, _ body: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        let raw = connection as! any SQLDatabase
        try await raw.raw("BEGIN IMMEDIATE").run()
        do {
            let result = try await body(connection)
            try await raw.raw("COMMIT").run()
            return result
        } catch {
            try? await raw.raw("ROLLBACK").run()
            throw error
        }
    }
}

/// One SQLite writer at a time in this process (DESIGN §6: SQLite serves one process).
enum SQLiteWriters {
    static let gate = AsyncGate()
}

/// A first-come, first-served async lock.
actor AsyncGate {
    private var busy = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Holders and waiters, for `/metrics`: a growing queue means writes are the bottleneck.
    var occupancy: (busy: Bool, waiting: Int) { (busy, waiters.count) }

    func enter() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func leave() {
        if waiters.isEmpty {
            busy = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
