import Foundation
import Vapor

/// `Idempotency-Key` on `/api/v1` writes (issue #20 point 9): a client that is not sure its
/// request arrived (a double tap, a timeout, a lost answer) sends it again with the same key and
/// gets the first answer back, marked `Idempotent-Replayed: true`, instead of a second record.
/// Keys belong to the account, are remembered for 24 hours, and only successful answers are
/// remembered: an error changed nothing, so a retry simply runs again (and may succeed once the
/// cause is gone, say a busy database or an exhausted rate limit).
struct IdempotencyMiddleware: AsyncMiddleware {
    static let header = "Idempotency-Key"
    static let replayedHeader = "Idempotent-Replayed"
    static let maxKeyLength = 100

    func respond(to req: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(req.method), let key = req.headers.first(name: Self.header) else {
            return try await next.respond(to: req)
        }
        guard Self.isValid(key) else {
            throw AppError.badRequest(
                zh: "Idempotency-Key 请求头须为 1 至 \(Self.maxKeyLength) 个可打印的 ASCII 字符（建议使用 UUID）。",
                en: "The Idempotency-Key header must be 1 to \(Self.maxKeyLength) printable ASCII characters "
                    + "(a UUID is a good choice).")
        }
        // Without an account the route refuses the call anyway; nothing to remember it by.
        guard let account = req.auth.get(Account.self), let accountID = account.id else {
            return try await next.respond(to: req)
        }
        if req.body.data == nil {
            _ = try await req.body.collect(max: req.application.routes.defaultMaxBodySize.value).get()
        }
        let claim = try await IdempotencyStore.claim(owner: "account:\(accountID)", key: "api:" + key,
                                                     fingerprint: IdempotencyStore.fingerprint(req), now: req.now, on: req.db)
        switch claim {
        case .done(let answer): return answer.response(replayed: true)
        case .mismatch: throw AppError.idempotencyKeyReused
        case .inFlight: throw AppError.requestInProgress
        case .claimed(let id): return try await Self.run(req, next, claimed: id)
        }
    }

    /// Runs the request that owns the key and records its answer, or frees the key on an error.
    static func run(_ req: Request, _ next: any AsyncResponder, claimed id: UUID,
                    remember: (Response) -> Bool = { $0.status.code < 400 }) async throws -> Response {
        let response: Response
        do {
            response = try await next.respond(to: req)
        } catch {
            await release(id, req)
            throw error
        }
        guard remember(response) else {
            await release(id, req)
            return response
        }
        let body = try await response.body.collect(on: req.eventLoop).get()
        if let body { response.body = .init(buffer: body) }
        let answer = IdempotencyStore.Answer(status: Int(response.status.code),
                                             contentType: response.headers.first(name: .contentType),
                                             location: response.headers.first(name: .location),
                                             body: body.map { Data(buffer: $0) })
        do {
            try await IdempotencyStore.finish(id, with: answer, on: req.db)
        } catch {
            // The work is done; failing to remember it must not turn its answer into an error. The
            // key stays pending, so a repeat is refused (409) rather than run twice until abandoned.
            req.logger.warning("could not record the answer of an idempotent request: \(error)")
        }
        return response
    }

    private static func release(_ id: UUID, _ req: Request) async {
        do { try await IdempotencyStore.release(id, on: req.db) } catch {
            // A pending row left behind is taken over once abandoned (IdempotencyStore.abandonedAfter).
            req.logger.warning("could not release an idempotency key: \(error)")
        }
    }

    /// 1–100 printable ASCII characters (space to tilde).
    static func isValid(_ key: String) -> Bool {
        (1...maxKeyLength).contains(key.utf8.count) && key.utf8.allSatisfy { (0x20...0x7E).contains($0) }
    }
}
