import Foundation
import NIOConcurrencyHelpers
import Vapor
@testable import CultureHub

/// Keeps every text message the app sends, so a test can read the code a person would get.
final class RecordingSMSGateway: SMSGateway {
    private let box = NIOLockedValueBox<[OutgoingSMS]>([])

    func send(_ message: OutgoingSMS, app: Application) async -> SMSOutcome {
        let n = box.withLockedValue { $0.append(message); return $0.count }
        return .sent("T-\(n)")
    }

    var messages: [OutgoingSMS] { box.withLockedValue { $0 } }

    /// Sends what is queued, then the newest code that went to `phone`.
    func code(to phone: String, app: Application) async throws -> String? {
        try await SMSSender.run(app)
        guard let text = messages.last(where: { $0.to == phone })?.text,
              let range = text.range(of: #"\d{6}"#, options: .regularExpression) else { return nil }
        return String(text[range])
    }

    static func install(on app: Application) -> RecordingSMSGateway {
        let gateway = RecordingSMSGateway()
        app.smsGateway = gateway
        return gateway
    }
}
