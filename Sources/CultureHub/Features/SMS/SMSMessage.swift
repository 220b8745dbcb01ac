import Fluent
import Foundation

/// One text message on its way to a phone. Messages go out through the job table (DESIGN §6), so
/// any app process may send them and a gateway that is down is retried with back-off. A one-time
/// code is kept apart from the text in `secret` and wiped once the message has left, so the
/// table does not keep working codes.
final class SMSMessage: Model, @unchecked Sendable {
    static let schema = "sms_messages"
    static let secretPlaceholder = "{code}"

    enum Status: String, Codable, Sendable { case pending, sent, outbox, failed, expired }

    @ID(key: .id) var id: UUID?
    @Field(key: "to_number") var to: String
    /// What the message is for (`PhoneCode.Purpose` or a notice kind), for the gateway and the logs.
    @Field(key: "purpose") var purpose: String
    /// The text, with `{code}` where the secret goes.
    @Field(key: "text") var text: String
    @Field(key: "secret") var secret: String
    @Field(key: "status") var status: Status
    @Field(key: "provider_id") var providerID: String
    @Field(key: "last_error") var lastError: String
    @Field(key: "created_at") var createdAt: Date
    @OptionalField(key: "sent_at") var sentAt: Date?

    init() {}

    init(to: String, purpose: String, text: String, secret: String = "", now: Date) {
        self.to = to
        self.purpose = purpose
        self.text = text
        self.secret = secret
        status = .pending
        providerID = ""
        lastError = ""
        createdAt = now
    }

    /// The words the phone shows.
    var body: String { text.replacingOccurrences(of: Self.secretPlaceholder, with: secret) }
}
