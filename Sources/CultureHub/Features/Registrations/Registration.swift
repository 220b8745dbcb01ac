import Fluent
import Foundation

public enum RegistrationStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case confirmed, waitlisted, cancelled, noShow
    public var zh: String {
        switch self { case .confirmed: "报名成功"; case .waitlisted: "候补中"; case .cancelled: "已取消"; case .noShow: "未到场" }
    }
    public var en: String {
        switch self { case .confirmed: "Confirmed"; case .waitlisted: "On the waiting list"; case .cancelled: "Cancelled"; case .noShow: "No-show" }
    }
    var isActive: Bool { self == .confirmed || self == .waitlisted }
}

/// A place (or a few, for a small group) on an activity, confirmed or waiting (R4.2).
public final class Registration: Model, @unchecked Sendable {
    public static let schema = "registrations"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "activity_id") public var activity: Activity
    @Field(key: "region_path") public var regionPath: String
    /// nil for a proxy registration of a villager without an account.
    @OptionalParent(key: "account_id") public var account: Account?
    @Field(key: "name") public var name: String
    @Field(key: "phone") public var phone: String
    @Field(key: "places") public var places: Int
    @Field(key: "status") public var status: RegistrationStatus
    /// The village staff member who registered someone without a smartphone.
    @OptionalField(key: "proxy_by") public var proxyBy: UUID?
    @OptionalField(key: "checked_in_at") public var checkedInAt: Date?
    @OptionalField(key: "checked_in_by") public var checkedInBy: UUID?
    /// Set explicitly (not a Fluent timestamp): the waiting list is served in this order.
    @Field(key: "created_at") public var createdAt: Date
    @Timestamp(key: "updated_at", on: .update) public var updatedAt: Date?

    public init() {}

    var isProxy: Bool { proxyBy != nil }
}

extension Registration: ScopedModel {
    public static var regionPathKey: KeyPath<Registration, FieldProperty<Registration, String>> { \.$regionPath }
    public var owningVenueID: UUID? { nil }
    public static func restrict(_ query: QueryBuilder<Registration>, toVenue venueID: UUID) -> QueryBuilder<Registration> {
        query.join(Activity.self, on: \Registration.$activity.$id == \Activity.$id).filter(Activity.self, \.$venue.$id == venueID)
    }
}

/// A refused check-in, kept so staff can see forged or misdirected codes.
public final class CheckInAttempt: Model, @unchecked Sendable {
    public static let schema = "checkin_attempts"

    @ID(key: .id) public var id: UUID?
    @OptionalField(key: "activity_id") public var activityID: UUID?
    @OptionalField(key: "staff_id") public var staffID: UUID?
    @Field(key: "outcome") public var outcome: String
    @Field(key: "token_excerpt") public var tokenExcerpt: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension Registration: OwnedModel {
    public var ownerID: UUID? { $account.id }
}
