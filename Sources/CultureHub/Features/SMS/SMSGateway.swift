import Foundation
import Vapor

/// What a gateway is asked to send: the number, the finished text and a key that makes a resend
/// of the same message harmless.
struct OutgoingSMS: Content, Equatable {
    let id: String
    let to: String
    let text: String
    let purpose: String
}

enum SMSOutcome: Equatable, Sendable {
    /// The provider took it (with its message id).
    case sent(String)
    /// Written to the outbox folder: no gateway is configured (demo, development).
    case outbox
    /// Try again later.
    case retry(String)
    /// The provider will never take it as it is (a number it refuses, a text it blocks).
    case rejected(String)
}

/// Where text messages leave CultureHub. A deployment points `SMS_URL` at its provider's relay;
/// without one, messages are written to `DATA_DIR/sms-outbox` for the demo and development.
protocol SMSGateway: Sendable {
    func send(_ message: OutgoingSMS, app: Application) async -> SMSOutcome
}

/// One JSON file per message, named by its id, so a resend overwrites rather than duplicates.
struct OutboxSMSGateway: SMSGateway {
    let folder: String

    func send(_ message: OutgoingSMS, app: Application) async -> SMSOutcome {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let data = try JSONEncoder().encode(message)
            try data.write(to: URL(fileURLWithPath: folder + "/" + message.id + ".json"), options: .atomic)
            return .outbox
        } catch {
            return .retry("outbox: \(error)")
        }
    }
}

/// POSTs `{"id", "to", "text", "purpose"}` as JSON with an `Idempotency-Key` header (the message
/// id) and, if set, a bearer token; a 2xx answer with `{"id": …}` is the provider's message id.
struct HTTPSMSGateway: SMSGateway {
    let url: String
    let token: String?
    let timeoutSeconds: Int

    struct Receipt: Decodable { let id: String }

    func send(_ message: OutgoingSMS, app: Application) async -> SMSOutcome {
        var headers = HTTPHeaders()
        headers.contentType = .json
        headers.replaceOrAdd(name: "Idempotency-Key", value: message.id)
        if let token { headers.bearerAuthorization = BearerAuthorization(token: token) }
        do {
            var request = ClientRequest(method: .POST, url: URI(string: url), headers: headers,
                                        timeout: .seconds(Int64(timeoutSeconds)))
            try request.content.encode(message, as: .json)
            let response = try await app.client.send(request)
            switch response.status.code {
            case 200..<300:
                guard let receipt = try? response.content.decode(Receipt.self), !receipt.id.isEmpty else {
                    return .retry("the SMS gateway answered \(response.status.code) without a message id")
                }
                return .sent(receipt.id)
            case 400, 422:
                let why = response.body.map { String(buffer: $0) }?.prefix(300) ?? ""
                return .rejected("the SMS gateway refused the message (\(response.status.code)): \(why)")
            default:
                return .retry("the SMS gateway answered \(response.status.code)")
            }
        } catch {
            return .retry("\(error)")
        }
    }
}

struct SMSGatewayKey: StorageKey { typealias Value = any SMSGateway }

extension Application {
    /// The configured gateway; tests put their own in its place.
    var smsGateway: any SMSGateway {
        get {
            if let gateway = storage[SMSGatewayKey.self] { return gateway }
            if let url = settings.smsURL {
                return HTTPSMSGateway(url: url, token: settings.smsToken, timeoutSeconds: settings.smsTimeout)
            }
            return OutboxSMSGateway(folder: settings.dataDirectory + "/sms-outbox")
        }
        set { storage[SMSGatewayKey.self] = newValue }
    }
}
