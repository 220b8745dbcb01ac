import Foundation
import NIOConcurrencyHelpers
import NIOCore
import Vapor

/// A local stand-in for the culture cloud's receiving API: it checks each report against our
/// format, keeps one copy per idempotency key and answers a retry with the receipt it gave the
/// first time. Tests start it (also failing, slow or answering twice); `culturehub
/// cloud-receiver` runs it for a demo or to try a deployment before the real cloud is wired.
final class CloudReceiver: Sendable {
    struct Received: Content, Equatable {
        let key: String
        let receipt: String
        let reportId: UUID
        let activityTitle: String
        let inPerson: Int
    }

    struct Behaviour: Sendable {
        /// Answer 503 to this many requests first.
        var failFirst = 0
        /// Take the report, then wait this long before answering (longer than the sender waits = a timeout).
        var delay: TimeAmount? = nil
        /// Only the first request is slow; later ones answer at once.
        var delayOnlyFirst = true
        /// Answer with 400 (the report is refused as it is).
        var refuse = false
        /// Where to write each report as JSON, if anywhere.
        var directory: String? = nil
        var token: String? = nil
    }

    private struct State {
        var received: [Received] = []
        var requests: StandInRequests
    }

    private let state: NIOLockedValueBox<State>
    let behaviour: Behaviour

    init(_ behaviour: Behaviour = Behaviour()) {
        self.behaviour = behaviour
        state = NIOLockedValueBox(State(requests: StandInRequests(failFirst: behaviour.failFirst)))
    }

    var received: [Received] { state.withLockedValue { $0.received } }
    /// Every POST, answered or not.
    var requests: Int { state.withLockedValue { $0.requests.total } }

    func register(on routes: any RoutesBuilder) {
        routes.post("reports") { req in try await self.receive(req) }
        routes.get("reports") { _ in self.received }
    }

    private func receive(_ req: Request) async throws -> Response {
        let (attempt, fail) = state.withLockedValue { $0.requests.arrive() }
        if fail { return Response(status: .serviceUnavailable) }
        if let token = behaviour.token, req.headers.bearerAuthorization?.token != token { return Response(status: .unauthorized) }
        guard let key = req.headers.first(name: "Idempotency-Key"), !key.isEmpty else {
            return try await Self.json(["error": "Idempotency-Key header required"], status: .badRequest, for: req)
        }
        if behaviour.refuse { return try await Self.json(["error": "refused"], status: .badRequest, for: req) }
        guard let body = req.body.data,
              let payload = try? ReportPayload.decoder.decode(ReportPayload.self, from: Data(buffer: body)),
              payload.schema == "culturehub.activity-report/1" else {
            return try await Self.json(["error": "not a culturehub.activity-report/1 document"], status: .unprocessableEntity, for: req)
        }
        let (entry, duplicate) = state.withLockedValue { s -> (Received, Bool) in
            if let seen = s.received.first(where: { $0.key == key }) { return (seen, true) }
            let entry = Received(key: key, receipt: String(format: "ZZWLY-%06d", s.received.count + 1), reportId: payload.reportId,
                                 activityTitle: payload.activity.title, inPerson: payload.attendance.inPerson)
            s.received.append(entry)
            return (entry, false)
        }
        if !duplicate, let directory = behaviour.directory {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? Data(buffer: body).write(to: URL(fileURLWithPath: directory + "/" + entry.receipt + ".json"))
        }
        if let delay = behaviour.delay, !behaviour.delayOnlyFirst || attempt == 1 {
            try await Task.sleep(nanoseconds: UInt64(delay.nanoseconds))
        }
        return try await Self.json(["receipt": entry.receipt, "duplicate": duplicate ? "true" : "false"], status: duplicate ? .ok : .created, for: req)
    }

    private static func json(_ body: [String: String], status: HTTPResponseStatus, for req: Request) async throws -> Response {
        try await body.encodeResponse(status: status, for: req)
    }
}

/// `culturehub cloud-receiver [--port 9090] [--dir ./received]`: runs the stand-in receiver.
struct CloudReceiverCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", help: "Port to listen on (default 9090)") var port: Int?
        @Option(name: "dir", help: "Folder to write each received report to") var dir: String?
        @Option(name: "token", help: "Bearer token to require") var token: String?
    }

    var help: String { "Run a local stand-in for the culture cloud's report receiver (POST /reports)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let receiver = CloudReceiver(.init(directory: signature.dir, token: signature.token))
        let app = context.application
        receiver.register(on: app)
        let port = signature.port ?? 9090
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        context.console.print("Receiving reports at http://127.0.0.1:\(port)/reports (set CLOUD_URL to it); GET the same URL to list them. Ctrl-C stops.")
        while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
    }
}
