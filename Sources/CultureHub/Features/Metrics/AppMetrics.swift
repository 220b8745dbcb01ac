import Fluent
import Foundation
import Prometheus
import SQLKit
import Vapor

/// Operational metrics in Prometheus's text format at `/metrics` (issue #4). One registry per
/// app (not the process-wide MetricsSystem), so tests can run many apps side by side.
final class AppMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    /// Connections the pools may open in all (per event loop × event loops), set at start-up.
    let poolCapacity: Int

    init(poolCapacity: Int = 0) { self.poolCapacity = poolCapacity }

    func databaseUnavailable() {
        registry.makeCounter(descriptor: .init(metricName: "db_unavailable", unitName: "total",
                                               helpText: "Requests answered 503 because the database could not be reached or gave no connection")).increment()
    }
    static let latencyBuckets: [Duration] = [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
                                              .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(2500), .seconds(5)]

    func request(method: String, route: String, status: UInt, duration: Duration) {
        let labels = [("method", method), ("route", route)]
        registry.makeCounter(descriptor: .init(metricName: "http_requests", unitName: "total", helpText: "HTTP requests by route and status"),
                             labels: labels + [("status", String(status))]).increment()
        registry.makeDurationHistogram(descriptor: .init(metricName: "http_request_duration", unitName: "seconds", helpText: "Time to answer, by route"),
                                       labels: labels, buckets: Self.latencyBuckets).record(duration)
    }

    func registration(_ status: String) {
        registry.makeCounter(descriptor: .init(metricName: "registrations", unitName: "total", helpText: "Activity registrations by result"),
                             labels: [("result", status)]).increment()
    }

    func checkIn(_ outcome: String) {
        registry.makeCounter(descriptor: .init(metricName: "checkins", unitName: "total", helpText: "Check-in attempts by outcome"),
                             labels: [("outcome", outcome)]).increment()
    }

    /// Figures read from the database at scrape time: they hold across app processes.
    func refreshFromDatabase(_ db: any Database, now: Date) async throws {
        let sql = db as! any SQLDatabase
        struct N: Decodable { let n: Int }
        func count(_ query: SQLQueryString) async throws -> Double { Double(try await sql.raw(query).first(decoding: N.self)?.n ?? 0) }
        let gauge = { (name: String, help: String) in self.registry.makeGauge(descriptor: .init(metricName: name, unitName: "", helpText: help)) }
        gauge("audit_events", "Audit events kept").set(to: try await count("SELECT COUNT(*) AS n FROM audit_events"))
        gauge("sessions", "Stored sessions").set(to: try await count("SELECT COUNT(*) AS n FROM web_sessions"))
        gauge("bookings_pending", "Space booking requests waiting for a decision")
            .set(to: try await count("SELECT COUNT(*) AS n FROM space_bookings WHERE status = 'pending'"))
        gauge("rate_limit_counters", "Live rate-limit counters")
            .set(to: try await count("SELECT COUNT(*) AS n FROM rate_limits WHERE expires_at > \(bind: now)"))
        gauge("complaints_overdue", "Complaints past their answer deadline without an answer")
            .set(to: try await count("SELECT COUNT(*) AS n FROM complaints WHERE status IN ('submitted', 'accepted') AND due_at < \(bind: now)"))
        gauge("orders_overdue", "Village orders past their answer deadline without an answer")
            .set(to: try await count("SELECT COUNT(*) AS n FROM service_orders WHERE status = 'pending' AND decision_due < \(bind: now)"))
        gauge("jobs_backlog", "Outbound jobs (reports to the culture cloud) waiting or in flight")
            .set(to: try await count("SELECT COUNT(*) AS n FROM outbound_jobs WHERE status IN ('pending', 'running')"))
        gauge("jobs_overdue", "Outbound jobs that were due more than 10 minutes ago and are still waiting")
            .set(to: try await count("SELECT COUNT(*) AS n FROM outbound_jobs WHERE status = 'pending' AND next_attempt_at < \(bind: now.addingTimeInterval(-600))"))
        gauge("jobs_dead", "Outbound jobs whose retries ran out (staff must send them again)")
            .set(to: try await count("SELECT COUNT(*) AS n FROM outbound_jobs WHERE status = 'dead'"))
        gauge("reports_missing", "Activities past their report deadline with no report filed")
            .set(to: try await count("""
                SELECT COUNT(*) AS n FROM activities a LEFT JOIN activity_reports r ON r.activity_id = a.id
                WHERE a.status = 'published' AND a.report_due_at < \(bind: now) AND r.id IS NULL
                """))
    }

    /// The database pool as this process sees it: its capacity, how long a connection and a
    /// trivial query take right now (rises when the pool is exhausted or the server is slow),
    /// and on SQLite the queue for the single writer.
    func refreshPool(_ db: any Database) async throws {
        let gauge = { (name: String, help: String) in self.registry.makeGauge(descriptor: .init(metricName: name, unitName: "", helpText: help)) }
        gauge("db_pool_capacity", "Database connections this process may open").set(to: Double(poolCapacity))
        let start = ContinuousClock.now
        _ = try await (db as! any SQLDatabase).raw("SELECT 1 AS one").all()
        let elapsed = ContinuousClock.now - start
        gauge("db_probe_seconds", "Time to get a pooled connection and run SELECT 1 at scrape time")
            .set(to: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        if (db as? any SQLDatabase)?.dialect.name == "sqlite" {
            let gate = await SQLiteWriters.gate.occupancy
            gauge("db_write_busy", "1 while a write transaction holds SQLite's single writer").set(to: gate.busy ? 1 : 0)
            gauge("db_write_waiting", "Write transactions queued for SQLite's single writer").set(to: Double(gate.waiting))
        }
    }
}

struct AppMetricsKey: StorageKey { typealias Value = AppMetrics }

extension Application {
    var metrics: AppMetrics {
        get { storage[AppMetricsKey.self]! }
        set { storage[AppMetricsKey.self] = newValue }
    }
}

/// Counts and times every request by its route pattern (not its concrete path, which would
/// make one series per activity).
struct MetricsMiddleware: AsyncMiddleware {
    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next.respond(to: req)
            record(req, status: response.status.code, start: start)
            return response
        } catch {
            record(req, status: (error as? any AbortError)?.status.code ?? 500, start: start)
            throw error
        }
    }

    private func record(_ req: Request, status: UInt, start: ContinuousClock.Instant) {
        let route = req.route.map { "/" + $0.path.map(\.description).joined(separator: "/") } ?? "unmatched"
        req.application.metrics.request(method: req.method.rawValue, route: route, status: status, duration: ContinuousClock.now - start)
    }
}

enum MetricsController {
    /// Compares in time that depends only on the lengths, so the token cannot be found byte by byte.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// Only for whoever presents `METRICS_TOKEN`, unless `METRICS_PUBLIC=1`. "The machine itself"
    /// is not a safe rule: a reverse proxy on the same host forwards the whole internet from there.
    @Sendable static func scrape(req: Request) async throws -> Response {
        if !req.settings.metricsPublic {
            guard let token = req.settings.metricsToken else {
                throw AppError.refused(zh: "指标接口未开放：请设置 METRICS_TOKEN（或在内网中设置 METRICS_PUBLIC=1）。",
                                       en: "Metrics are closed: set METRICS_TOKEN (or METRICS_PUBLIC=1 on a private network).")
            }
            guard let presented = req.headers.bearerAuthorization?.token, Self.same(presented, token) else { throw AppError.unauthorized }
        }
        let metrics = req.application.metrics
        metrics.registry.makeGauge(descriptor: .init(metricName: "token_uses_pending", unitName: "", helpText: "API token use times waiting to be written"))
            .set(to: Double(req.application.tokenUsage.pendingCount))
        try await metrics.refreshFromDatabase(req.db, now: req.now)
        try await metrics.refreshPool(req.db)
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: metrics.registry.emitToString()))
    }
}

extension Request {
    /// Registers through the desk and counts the result for `/metrics`.
    func register(activityID: UUID, _ registrant: Registrant, places: Int) async throws -> Registration {
        do {
            let registration = try await RegistrationDesk.register(activityID: activityID, registrant, places: places, settings: settings,
                                                                   now: now, lang: lang, on: db)
            application.metrics.registration(registration.status.rawValue)
            return registration
        } catch let error as AppError {
            application.metrics.registration("refused")
            throw error
        }
    }

    /// Checks a code in and counts the outcome for `/metrics`.
    func checkIn(code: String, activity: Activity) async throws -> CheckInDesk.Result {
        let result = try await CheckInDesk.checkIn(code: code, activity: activity, staffID: staff().account.id!, key: checkInKey(), now: now, on: db)
        application.metrics.checkIn(result.outcome.rawValue)
        return result
    }
}
