import Fluent
import Foundation

public final class Venue: Model, @unchecked Sendable {
    public static let schema = "venues"

    @ID(key: .id) public var id: UUID?
    @Field(key: "name") public var name: String
    @Field(key: "type") public var type: VenueType
    @Field(key: "tier") public var tier: RegionLevel
    @Field(key: "network_role") public var networkRole: NetworkRole
    @Parent(key: "region_id") public var region: Region
    @Field(key: "region_path") public var regionPath: String
    @OptionalParent(key: "parent_venue_id") public var parentVenue: Venue?
    @Field(key: "address") public var address: String
    @OptionalField(key: "latitude") public var latitude: Double?
    @OptionalField(key: "longitude") public var longitude: Double?
    /// The day it opened, when recent: count targets are shortened for a venue open part of a period.
    @OptionalField(key: "opened_on") public var openedOn: String?
    @Field(key: "phone") public var phone: String
    @Field(key: "status") public var status: VenueStatus
    @Field(key: "intro") public var intro: String
    @Field(key: "accessibility") public var accessibilityCodes: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    /// A new operating venue: its tier follows from the type, its scope path from the region.
    init(id: UUID? = nil, name: String, type: VenueType, networkRole: NetworkRole, region: Region, parent: Venue? = nil,
         address: String, phone: String = "", intro: String = "", facilities: Set<AccessibilityFacility> = [],
         latitude: Double? = nil, longitude: Double? = nil) {
        self.id = id
        self.name = name
        self.type = type
        self.tier = type.tier
        self.networkRole = networkRole
        self.$region.id = region.id!
        self.regionPath = region.path
        self.$parentVenue.id = parent?.id
        self.address = address
        self.phone = phone
        self.status = .operating
        self.intro = intro
        self.accessibilityCodes = AccessibilityFacility.encode(facilities)
        self.latitude = latitude
        self.longitude = longitude
    }

    var facilities: [AccessibilityFacility] { AccessibilityFacility.decode(accessibilityCodes) }
}

extension Venue: ScopedModel {
    public static var regionPathKey: KeyPath<Venue, FieldProperty<Venue, String>> { \.$regionPath }
    public var owningVenueID: UUID? { id }
    public static func restrict(_ query: QueryBuilder<Venue>, toVenue venueID: UUID) -> QueryBuilder<Venue> {
        query.filter(\.$id == venueID)
    }
}

/// One opening period; a weekday has one or two (a lunch break splits the day), none when closed.
public final class OpeningHours: Model, @unchecked Sendable {
    public static let schema = "opening_hours"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "weekday") public var weekday: Int
    /// Minutes after midnight, local display time.
    @Field(key: "opens_at") public var opensAt: Int
    @Field(key: "closes_at") public var closesAt: Int

    public init() {}

    /// "08:30–12:00、14:30–17:30" for one day's periods, in order.
    static func text(_ periods: [OpeningHours], lang: Lang) -> String {
        periods.sorted { $0.opensAt < $1.opensAt }
            .map { DisplayTime.clock($0.opensAt) + "–" + DisplayTime.clock($0.closesAt) }
            .joined(separator: lang.t("、", ", "))
    }

    func contains(minute: Int) -> Bool { opensAt <= minute && minute < closesAt }

    public init(venueID: UUID, weekday: Int, opensAt: Int, closesAt: Int) {
        self.$venue.id = venueID
        self.weekday = weekday
        self.opensAt = opensAt
        self.closesAt = closesAt
    }
}

public final class Space: Model, @unchecked Sendable {
    public static let schema = "spaces"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "name") public var name: String
    @Field(key: "kind") public var kind: SpaceKind
    @Field(key: "capacity") public var capacity: Int
    @OptionalField(key: "area_sqm") public var areaSqm: Int?
    @Field(key: "bookable") public var bookable: Bool
    @Field(key: "description") public var details: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

extension Space: ScopedModel {
    public static var regionPathKey: KeyPath<Space, FieldProperty<Space, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<Space>, toVenue venueID: UUID) -> QueryBuilder<Space> {
        query.filter(\.$venue.$id == venueID)
    }
}

public final class SpecialResource: Model, @unchecked Sendable {
    public static let schema = "special_resources"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "kind") public var kind: SpecialResourceKind
    @Field(key: "quantity") public var quantity: Int
    @Field(key: "note") public var note: String
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}
}

extension SpecialResource: ScopedModel {
    public static var regionPathKey: KeyPath<SpecialResource, FieldProperty<SpecialResource, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<SpecialResource>, toVenue venueID: UUID) -> QueryBuilder<SpecialResource> {
        query.filter(\.$venue.$id == venueID)
    }
}

/// 免费开放公示 (R2.1): what is free, when, valid over a date range.
public final class FreeOpeningNotice: Model, @unchecked Sendable {
    public static let schema = "free_opening_notices"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "title") public var title: String
    @Field(key: "free_items") public var freeItems: String
    @Field(key: "content") public var content: String
    @Field(key: "hours_text") public var hoursText: String
    /// Calendar days as `yyyy-MM-dd`, compared as text: a notice is current on the days it covers.
    @Field(key: "valid_from") public var validFrom: String
    @OptionalField(key: "valid_until") public var validUntil: String?
    @Timestamp(key: "created_at", on: .create) public var createdAt: Date?

    public init() {}

    func isCurrent(on day: String) -> Bool {
        validFrom <= day && (validUntil.map { $0 >= day } ?? true)
    }

    /// The same rule as `isCurrent`, as a query filter.
    @discardableResult
    static func current(_ query: QueryBuilder<FreeOpeningNotice>, on day: String) -> QueryBuilder<FreeOpeningNotice> {
        query.filter(\.$validFrom <= day).group(.or) { $0.filter(\.$validUntil == nil).filter(\.$validUntil >= day) }
    }
}

extension FreeOpeningNotice: ScopedModel {
    public static var regionPathKey: KeyPath<FreeOpeningNotice, FieldProperty<FreeOpeningNotice, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<FreeOpeningNotice>, toVenue venueID: UUID) -> QueryBuilder<FreeOpeningNotice> {
        query.filter(\.$venue.$id == venueID)
    }
}

