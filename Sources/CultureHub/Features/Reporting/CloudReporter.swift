import Fluent
import Foundation
import Vapor

/// Pushes filed reports to the culture cloud (R4.5) from the job table: an HTTP JSON POST with
/// the report's idempotency key, retried with back-off; with no `CLOUD_URL`, the report is
/// written to `DATA_DIR/outbox` for upload by hand. Every app process runs it; the job table
/// decides who sends what.
enum CloudReporter {
    /// This process's name in `locked_by`.
    static let worker = "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

    static func task(every seconds: Int) -> PeriodicTask {
        PeriodicTask("cloud report push", after: .seconds(Int64(min(seconds, 10))), every: .seconds(Int64(seconds))) { app in
            try await run(app, worker: worker)
        }
    }

    /// The cloud's answer to a report it took.
    struct Receipt: Decodable { let receipt: String }

    enum Outcome: Equatable { case accepted(String), outbox, retry(String), rejected(String) }

    /// Claims due jobs and delivers each; returns how many were delivered (accepted or written out).
    @discardableResult
    static func run(_ app: Application, worker: String, limit: Int = 20) async throws -> Int {
        let settings = app.settings
        // A claim outlives the slowest answer we wait for, so no job is claimed twice while in flight.
        let lease = TimeInterval(settings.cloudTimeout * 2 + 30)
        let jobs = try await JobQueue.claim(kind: JobQueue.reportKind, worker: worker, limit: limit, lease: lease, now: app.clock.now(), on: app.db)
        var delivered = 0
        for job in jobs {
            guard let report = try await ActivityReport.find(job.subjectID, on: app.db) else {
                try await JobQueue.finish(job, worker: worker, now: app.clock.now(), on: app.db)
                continue
            }
            let outcome = await deliver(report, app: app)
            let now = app.clock.now()
            switch outcome {
            case .accepted(let receipt):
                try await app.db.writeTransaction { tx in
                    report.delivery = .accepted
                    report.receipt = receipt
                    report.acceptedAt = now
                    try await report.update(on: tx)
                    try await JobQueue.finish(job, worker: worker, now: now, on: tx)
                }
                delivered += 1
            case .outbox:
                try await app.db.writeTransaction { tx in
                    report.delivery = .outbox
                    try await report.update(on: tx)
                    try await JobQueue.finish(job, worker: worker, now: now, on: tx)
                }
                delivered += 1
            case .retry(let error), .rejected(let error):
                let rejected = if case .rejected = outcome { true } else { false }
                let dead = try await JobQueue.retry(job, worker: worker, error: error, giveUp: rejected, now: now, on: app.db)
                if dead {
                    report.delivery = .failed
                    try await report.update(on: app.db)
                }
                app.logger.warning("report \(report.id?.uuidString ?? "") not delivered (attempt \(job.attempts)): \(error)")
            }
        }
        return delivered
    }

    static func deliver(_ report: ActivityReport, app: Application) async -> Outcome {
        let settings = app.settings
        let body: Data
        do {
            body = try ReportPayload.encoder.encode(try await ReportPayload.build(report, dataDirectory: settings.dataDirectory, on: app.db))
        } catch {
            return .retry("payload: \(error)")
        }
        guard let url = settings.cloudURL else {
            do {
                let folder = settings.dataDirectory + "/outbox"
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try body.write(to: URL(fileURLWithPath: folder + "/" + report.idempotencyKey + ".json"), options: .atomic)
                return .outbox
            } catch {
                return .retry("outbox: \(error)")
            }
        }
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "Idempotency-Key", value: report.idempotencyKey)
        if let token = settings.cloudToken { headers.bearerAuthorization = BearerAuthorization(token: token) }
        do {
            let request = ClientRequest(method: .POST, url: URI(string: url), headers: headers, body: ByteBuffer(data: body),
                                        timeout: .seconds(Int64(settings.cloudTimeout)))
            let response = try await app.client.send(request)
            switch response.status.code {
            case 200..<300:
                guard let receipt = try? response.content.decode(Receipt.self, using: ReportPayload.decoder), !receipt.receipt.isEmpty else {
                    return .retry("the cloud answered \(response.status.code) without a receipt")
                }
                return .accepted(receipt.receipt)
            case 400, 422:
                // The cloud will not take this report as it is: retrying cannot help, staff must look.
                return .rejected("the cloud refused the report (\(response.status.code)): \(response.body.map { String(buffer: $0) }?.prefix(300) ?? "")")
            default:
                return .retry("the cloud answered \(response.status.code)")
            }
        } catch {
            return .retry("\(error)")
        }
    }
}
