import Foundation
import NIOConcurrencyHelpers
import Vapor

/// A local stand-in for an SMS provider's relay, as `cloud-receiver` is for the culture cloud:
/// it takes `{"id","to","text","purpose"}`, keeps one message per idempotency key, and can fail
/// or refuse on purpose. Tests start it; `culturehub sms-receiver` runs it to try a deployment.
final class SMSReceiver: Sendable {
    struct Behaviour: Sendable {
        /// Answer 503 to this many requests first.
        var failFirst = 0
        /// Answer 400 to every message (a number or text the provider will not take).
        var refuse = false
        var directory: String? = nil
        var token: String? = nil
    }

    private struct State {
        var received: [OutgoingSMS] = []
        var requests: StandInRequests
    }

    private let state: NIOLockedValueBox<State>
    let behaviour: Behaviour

    init(_ behaviour: Behaviour = Behaviour()) {
        self.behaviour = behaviour
        state = NIOLockedValueBox(State(requests: StandInRequests(failFirst: behaviour.failFirst)))
    }

    var received: [OutgoingSMS] { state.withLockedValue { $0.received } }
    var requests: Int { state.withLockedValue { $0.requests.total } }

    func register(on routes: any RoutesBuilder) {
        routes.post("sms") { req in try await self.receive(req) }
        routes.get("sms") { _ in self.received }
    }

    private func receive(_ req: Request) async throws -> Response {
        let fail = state.withLockedValue { $0.requests.arrive().fail }
        if fail { return Response(status: .serviceUnavailable) }
        if let token = behaviour.token, req.headers.bearerAuthorization?.token != token {
            return Response(status: .unauthorized)
        }
        guard let key = req.headers.first(name: "Idempotency-Key"), !key.isEmpty,
              let message = try? req.content.decode(OutgoingSMS.self), message.id == key,
              MobileNumber.normalize(message.to) == message.to, !message.text.isEmpty else {
            return try await ["error": "expected {id, to, text, purpose} and an Idempotency-Key equal to id"]
                .encodeResponse(status: .badRequest, for: req)
        }
        if behaviour.refuse { return try await ["error": "refused"].encodeResponse(status: .badRequest, for: req) }
        let (index, duplicate) = state.withLockedValue { s -> (Int, Bool) in
            if let seen = s.received.firstIndex(where: { $0.id == message.id }) { return (seen, true) }
            s.received.append(message)
            return (s.received.count - 1, false)
        }
        if !duplicate, let directory = behaviour.directory {
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            try? JSONEncoder().encode(message).write(to: URL(fileURLWithPath: directory + "/" + message.id + ".json"))
        }
        return try await ["id": String(format: "SMS-%06d", index + 1)]
            .encodeResponse(status: duplicate ? .ok : .created, for: req)
    }
}

/// `culturehub sms-receiver [--port 9091] [--dir ./sms]`: runs the stand-in relay.
struct SMSReceiverCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "port", help: "Port to listen on (default 9091)") var port: Int?
        @Option(name: "dir", help: "Folder to write each received message to") var dir: String?
        @Option(name: "token", help: "Bearer token to require") var token: String?
    }

    var help: String { "Run a local stand-in for an SMS provider's relay (POST /sms)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let receiver = SMSReceiver(.init(directory: signature.dir, token: signature.token))
        let app = context.application
        receiver.register(on: app)
        let port = signature.port ?? 9091
        try await app.server.start(address: .hostname("127.0.0.1", port: port))
        context.console.print("Receiving text messages at http://127.0.0.1:\(port)/sms (set SMS_URL to it); "
                              + "GET the same URL to list them. Ctrl-C stops.")
        while true { try await Task.sleep(nanoseconds: 3_600_000_000_000) }
    }
}
