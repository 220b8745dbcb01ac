import Fluent
import Foundation

/// pending → accepted → delivered, or pending → proposed → accepted / withdrawn, or declined;
/// a village may withdraw while the venue has not decided.
public enum OrderStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case pending, proposed, accepted, declined, withdrawn, delivered, cancelled
    public var zh: String {
        switch self {
        case .pending: "待受理"; case .proposed: "场馆提议改期"; case .accepted: "已安排"
        case .declined: "已婉拒"; case .withdrawn: "已撤回"; case .delivered: "已送达"; case .cancelled: "活动已取消"
        }
    }
    public var en: String {
        switch self {
        case .pending: "Awaiting decision"; case .proposed: "New date proposed"; case .accepted: "Scheduled"
        case .declined: "Declined"; case .withdrawn: "Withdrawn"; case .delivered: "Delivered"; case .cancelled: "Activity cancelled"
        }
    }
    /// The quantity stays taken while an order is alive or done; it goes back when an order ends without delivery.
    var holdsQuantity: Bool { self == .pending || self == .proposed || self == .accepted || self == .delivered }
}

/// A village's order of an orderable menu item (点单, R3.3). Two sides see it: the village that
/// ordered (`region_path`) and the venue that supplies it (`venue_id`, `venue_region_path`).
public final class ServiceOrder: Model, @unchecked Sendable {
    public static let schema = "service_orders"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "service_item_id") public var serviceItem: ServiceItem
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "venue_region_path") public var venueRegionPath: String
    @Parent(key: "village_id") public var village: Region
    /// The ordering village's path.
    @Field(key: "region_path") public var regionPath: String
    /// Units of the item's quantity (e.g. 2 场 on one visit).
    @Field(key: "quantity") public var quantity: Int
    /// The menu period the quantity is taken from, e.g. "2026", "2026-Q4", "2026-11", "2026-W48".
    @Field(key: "period_key") public var periodKey: String
    /// Local days, yyyy-MM-dd: when the village would like it.
    @Field(key: "window_start") public var windowStart: String
    @Field(key: "window_end") public var windowEnd: String
    @Field(key: "expected_audience") public var expectedAudience: Int
    @Field(key: "notes") public var notes: String
    @Field(key: "contact") public var contact: String
    @Field(key: "status") public var status: OrderStatus
    /// The venue should decide by then (`ORDER_DAYS` working days).
    @Field(key: "decision_due") public var decisionDue: Date
    @OptionalField(key: "ordered_by") public var orderedBy: UUID?
    @Field(key: "ordered_at") public var orderedAt: Date
    /// The venue's first answer (accept, decline or propose): response time is measured to it.
    @OptionalField(key: "decided_by") public var decidedBy: UUID?
    @OptionalField(key: "decided_at") public var decidedAt: Date?
    /// Why it was declined, withdrawn or a proposal refused.
    @Field(key: "reason") public var reason: String
    @OptionalField(key: "proposed_starts_at") public var proposedStartsAt: Date?
    @OptionalField(key: "proposed_ends_at") public var proposedEndsAt: Date?
    @Field(key: "proposal_note") public var proposalNote: String
    @OptionalParent(key: "activity_id") public var activity: Activity?
    @OptionalField(key: "accepted_at") public var acceptedAt: Date?
    /// The scheduled activity's time, kept here so "delivered yet?" lists need no join.
    @OptionalField(key: "scheduled_starts_at") public var scheduledStartsAt: Date?
    @OptionalField(key: "scheduled_ends_at") public var scheduledEndsAt: Date?
    @OptionalField(key: "delivered_at") public var deliveredAt: Date?
    @OptionalField(key: "delivered_by") public var deliveredBy: UUID?
    @Field(key: "delivery_note") public var deliveryNote: String

    public init() {}

    func isOverdue(at now: Date) -> Bool { status == .pending && decisionDue < now }
}

/// Which side of an order a staff member acts for.
enum OrderSide {
    case village, venue
}

extension ServiceOrder: TwoPartyModel {
    public static var partyKeys: [PartyKeys<ServiceOrder>] {
        [PartyKeys(regionPath: \.$regionPath, venueID: nil), PartyKeys(regionPath: \.$venueRegionPath, venueID: \.$venue.$id)]
    }
    public var parties: [Party] { [party(.village), party(.venue)] }

    /// The village side belongs to no venue: a venue-scoped account never orders for a village.
    func party(_ side: OrderSide) -> Party {
        switch side {
        case .village: Party(regionPath: regionPath, venueID: nil)
        case .venue: Party(regionPath: venueRegionPath, venueID: $venue.id)
        }
    }
}

extension Scope {
    func acts(for side: OrderSide, on order: ServiceOrder) -> Bool { contains(order.party(side)) }

    /// The orders on one side: what a venue was asked for, or what a village asked for.
    func filter(_ query: QueryBuilder<ServiceOrder>, side: OrderSide) -> QueryBuilder<ServiceOrder> {
        filter(query, anyOf: [ServiceOrder.partyKeys[side == .village ? 0 : 1]])
    }
}

extension Staff {
    /// Every order step is a write for one side: the capability, then that side in scope.
    func require(_ capability: Capability, as side: OrderSide, on order: ServiceOrder) throws {
        try require(capability, as: order.party(side))
    }
}

/// How much of an item's quantity each period has given out, kept by conditional updates so it
/// can never pass the quantity, whatever the concurrency.
public final class ServiceItemUsage: Model, @unchecked Sendable {
    public static let schema = "service_item_usage"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "service_item_id") public var serviceItem: ServiceItem
    @Field(key: "period_key") public var periodKey: String
    @Field(key: "used") public var used: Int

    public init() {}
}
