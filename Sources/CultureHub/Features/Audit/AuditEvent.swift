import Fluent
import Foundation

/// One audit event, read for the admin page, exports and verification. Events are only ever
/// written by `AuditLog.append` (SQL, never through this model) and deleted by the retention purge.
public final class AuditEvent: Model, @unchecked Sendable {
    public static let schema = "audit_events"

    @ID(key: .id) public var id: UUID?
    @Field(key: "seq") public var seq: Int64
    @Field(key: "at") public var at: Date
    @OptionalField(key: "actor_id") public var actorID: UUID?
    @Field(key: "actor") public var actor: String
    @Field(key: "action") public var action: String
    @Field(key: "entity") public var entity: String
    @Field(key: "entity_id") public var entityID: String
    @Field(key: "summary") public var summary: String
    @Field(key: "ip") public var ip: String
    @Field(key: "prev_hash") public var prevHash: String
    @Field(key: "hash") public var hash: String

    public init() {}
}
