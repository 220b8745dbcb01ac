import Fluent
import Foundation

/// One line of a venue's service menu (R3.1): "12 performances a year, free, villages may order".
public final class ServiceItem: Model, @unchecked Sendable {
    public static let schema = "service_items"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "kind") public var kind: ServiceKind
    @Field(key: "title") public var title: String
    @Field(key: "content") public var content: String
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "period") public var period: QuantityPeriod
    /// What the quantity counts, e.g. 场 (shows), 期 (courses), 次.
    @Field(key: "unit") public var unit: String
    @Field(key: "target_groups") public var targetGroupCodes: String
    /// 0 for free; otherwise the fee per person in fen (DESIGN §3 rule 2).
    @Field(key: "fee_fen") public var feeFen: Int
    @Field(key: "fee_note") public var feeNote: String
    /// Whether villages may order it (点单, R3.3).
    @Field(key: "orderable") public var orderable: Bool
    @Field(key: "active") public var active: Bool
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    var targetGroups: [TargetGroup] { TargetGroup.decode(targetGroupCodes) }
    var isFree: Bool { feeFen == 0 }
}

extension ServiceItem: ScopedModel {
    public static var regionPathKey: KeyPath<ServiceItem, FieldProperty<ServiceItem, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<ServiceItem>, toVenue venueID: UUID) -> QueryBuilder<ServiceItem> {
        query.filter(\.$venue.$id == venueID)
    }
}

enum Money {
    /// "免费" or "¥12.50".
    static func text(fen: Int, _ lang: Lang) -> String {
        fen == 0 ? lang.t("免费", "Free") : String(format: "¥%d.%02d", fen / 100, fen % 100)
    }

    /// "12.5" or "12.50" yuan → 1250 fen; nil for anything else, including negatives and a third decimal.
    static func fen(fromYuan text: String) -> Int? {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let yuan = Int(parts[0]), yuan >= 0, yuan <= 1_000_000 else { return nil }
        guard parts.count == 2 else { return yuan * 100 }
        let decimals = String(parts[1])
        guard (1...2).contains(decimals.count), let cents = Int(decimals), !decimals.contains("-") else { return nil }
        return yuan * 100 + (decimals.count == 1 ? cents * 10 : cents)
    }
}
