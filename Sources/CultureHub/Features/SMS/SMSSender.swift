import Fluent
import Foundation
import Vapor

/// Sends queued text messages through the gateway from the job table: retried with back-off when
/// the gateway is down, given up when it refuses, never sent twice by two processes.
enum SMSSender {
    static let jobKind = "sms"
    static let worker = "sms-" + CloudReporter.worker

    /// Queues a message in the caller's transaction, so a rolled-back sign-up sends nothing.
    @discardableResult
    static func enqueue(_ message: SMSMessage, on db: any Database) async throws -> SMSMessage {
        try await message.create(on: db)
        let id = try message.requireID()
        let job = OutboundJob(kind: jobKind, subjectID: id, key: "sms-\(id.uuidString)", now: message.createdAt)
        try await job.create(on: db)
        return message
    }

    /// Sends what is due now rather than at the next tick: a person is waiting for their code.
    static func kick(_ app: Application) {
        // Tests send by calling `run`, so what they read does not race a background send.
        guard app.environment != .testing else { return }
        Task { do { try await run(app) } catch { app.logger.warning("SMS send failed: \(error)") } }
    }

    static func task() -> PeriodicTask {
        PeriodicTask("SMS send", after: .seconds(5), every: .seconds(5)) { app in try await run(app) }
    }

    /// Claims due messages and hands each to the gateway; returns how many left.
    @discardableResult
    static func run(_ app: Application, limit: Int = 50) async throws -> Int {
        let lease = TimeInterval(app.settings.smsTimeout * 2 + 30)
        let jobs = try await JobQueue.claim(kind: jobKind, worker: worker, limit: limit, lease: lease,
                                            now: app.clock.now(), on: app.db)
        var sent = 0
        for job in jobs {
            guard let message = try await SMSMessage.find(job.subjectID, on: app.db) else {
                try await JobQueue.finish(job, worker: worker, now: app.clock.now(), on: app.db)
                continue
            }
            if try await deliver(message, job: job, app: app) { sent += 1 }
        }
        return sent
    }

    private static func deliver(_ message: SMSMessage, job: OutboundJob, app: Application) async throws -> Bool {
        // A code that ran out while the gateway was down would only confuse: it is not sent late.
        if !message.secret.isEmpty, app.clock.now().timeIntervalSince(message.createdAt) > PhoneCodes.validity {
            try await close(message, job: job, status: .expired, app: app)
            return false
        }
        let outgoing = OutgoingSMS(id: try message.requireID().uuidString, to: message.to, text: message.body,
                                   purpose: message.purpose)
        switch await app.smsGateway.send(outgoing, app: app) {
        case .sent(let providerID):
            message.providerID = String(providerID.prefix(100))
            try await close(message, job: job, status: .sent, app: app)
            return true
        case .outbox:
            try await close(message, job: job, status: .outbox, app: app)
            return true
        case .retry(let error):
            try await fail(message, job: job, error: error, giveUp: false, app: app)
            return false
        case .rejected(let error):
            try await fail(message, job: job, error: error, giveUp: true, app: app)
            return false
        }
    }

    /// Done: the code leaves the table with the message.
    private static func close(_ message: SMSMessage, job: OutboundJob, status: SMSMessage.Status,
                              app: Application) async throws {
        let now = app.clock.now()
        try await app.db.writeTransaction { tx in
            message.status = status
            message.secret = ""
            message.lastError = ""
            if status != .expired { message.sentAt = now }
            try await message.update(on: tx)
            try await JobQueue.finish(job, worker: worker, now: now, on: tx)
        }
    }

    private static func fail(_ message: SMSMessage, job: OutboundJob, error: String, giveUp: Bool,
                             app: Application) async throws {
        let now = app.clock.now()
        let dead = try await JobQueue.retry(job, worker: worker, error: error, giveUp: giveUp, now: now, on: app.db)
        message.lastError = String(error.prefix(500))
        if dead {
            message.status = .failed
            message.secret = ""
        }
        try await message.update(on: app.db)
        app.logger.warning("SMS \(message.id?.uuidString ?? "") not sent (attempt \(job.attempts)): \(error)")
    }
}
