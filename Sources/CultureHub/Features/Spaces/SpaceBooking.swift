import Fluent
import Foundation

public enum BookingStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case pending, approved, declined, cancelled
    public var zh: String { switch self { case .pending: "待审核"; case .approved: "已批准"; case .declined: "未批准"; case .cancelled: "已取消" } }
    public var en: String { switch self { case .pending: "Awaiting approval"; case .approved: "Approved"; case .declined: "Declined"; case .cancelled: "Cancelled" } }
}

/// Rate recorded for an approved booking (R4.4): folk art teams and citizens book free or at a discount.
public enum BookingRate: String, Codable, Sendable, CaseIterable, Labeled {
    case free, discounted, standard
    public var zh: String { switch self { case .free: "免费"; case .discounted: "优惠"; case .standard: "标准收费" } }
    public var en: String { switch self { case .free: "Free"; case .discounted: "Discounted"; case .standard: "Standard rate" } }
}

public final class SpaceBooking: Model, @unchecked Sendable {
    public static let schema = "space_bookings"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "space_id") public var space: Space
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @OptionalParent(key: "account_id") public var account: Account?
    /// The folk art team or group booking; empty for a citizen booking for themselves.
    @Field(key: "team_name") public var teamName: String
    /// The registered folk art team booking, if the booking was made for one (its leader books).
    @OptionalField(key: "team_id") public var teamID: UUID?
    @Field(key: "contact_phone") public var contactPhone: String
    @Field(key: "purpose") public var purpose: String
    @Field(key: "attendees") public var attendees: Int
    @Field(key: "starts_at") public var startsAt: Date
    @Field(key: "ends_at") public var endsAt: Date
    @Field(key: "rate") public var rate: BookingRate
    @Field(key: "fee_fen") public var feeFen: Int
    @Field(key: "status") public var status: BookingStatus
    @Field(key: "decision_reason") public var decisionReason: String
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension SpaceBooking: ScopedModel {
    public static var regionPathKey: KeyPath<SpaceBooking, FieldProperty<SpaceBooking, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<SpaceBooking>, toVenue venueID: UUID) -> QueryBuilder<SpaceBooking> {
        query.filter(\.$venue.$id == venueID)
    }
}

extension SpaceBooking: OwnedModel {
    public var ownerID: UUID? { $account.id }
}
