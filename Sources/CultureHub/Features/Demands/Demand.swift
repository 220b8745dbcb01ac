import Fluent
import Foundation
import SQLKit

public enum DemandStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case open, adopted, declined
    public var zh: String { switch self { case .open: "征集中"; case .adopted: "已采纳"; case .declined: "未采纳" } }
    public var en: String { switch self { case .open: "Open"; case .adopted: "Adopted"; case .declined: "Not adopted" } }
}

/// What a village's residents would like (R3.4): others add their support, staff answer.
public final class Demand: Model, @unchecked Sendable {
    public static let schema = "demands"

    @ID(key: .id) public var id: UUID?
    @OptionalParent(key: "account_id") public var account: Account?
    @Field(key: "kind") public var kind: ServiceKind
    @Field(key: "description") public var details: String
    @Parent(key: "village_id") public var village: Region
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "status") public var status: DemandStatus
    /// Kept in step with `demand_supports` by the same statement that adds a support.
    @Field(key: "supports") public var supports: Int
    @Field(key: "answer") public var answer: String
    @OptionalParent(key: "service_item_id") public var serviceItem: ServiceItem?
    @OptionalParent(key: "activity_id") public var activity: Activity?
    @OptionalField(key: "answered_by") public var answeredBy: UUID?
    @OptionalField(key: "answered_at") public var answeredAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension Demand: ScopedModel {
    public static var regionPathKey: KeyPath<Demand, FieldProperty<Demand, String>> { \.$regionPath }
    public var owningVenueID: UUID? { nil }
    /// Demands belong to villages, not venues: a venue manager's scope holds none to answer.
    public static func restrict(_ query: QueryBuilder<Demand>, toVenue venueID: UUID) -> QueryBuilder<Demand> {
        query.filter(\.$id == UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
    }
}

enum DemandDesk {
    static let maxText = 500

    static func post(kind: ServiceKind, details: String, village: Region, account: Account, now: Date, on db: any Database) async throws -> Demand {
        try account.requireCitizen()
        let demand = Demand()
        demand.$account.id = try account.requireID()
        demand.kind = kind
        demand.details = details
        demand.$village.id = try village.requireID()
        demand.regionPath = village.path
        demand.status = .open
        demand.supports = 1 // the person who asks counts as its first supporter
        demand.answer = ""
        demand.createdAt = now
        try await db.writeTransaction { tx in
            try await demand.create(on: tx)
            try await DemandSupport(demandID: demand.requireID(), accountID: account.requireID(), at: now).create(on: tx)
        }
        return demand
    }

    /// One support per account: the unique key refuses a second, and the count moves in the same transaction.
    static func support(_ demand: Demand, account: Account, now: Date, on db: any Database) async throws {
        try account.requireCitizen()
        guard demand.status == .open else {
            throw AppError.conflict(zh: "这条需求已经答复，不再征集支持。", en: "This demand has been answered and no longer collects support.")
        }
        do {
            try await db.writeTransaction { tx in
                try await DemandSupport(demandID: demand.requireID(), accountID: account.requireID(), at: now).create(on: tx)
                try await (tx as! any SQLDatabase).raw("UPDATE demands SET supports = supports + 1 WHERE id = \(bind: demand.requireID())").run()
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(zh: "您已经支持过这条需求了。", en: "You already support this demand.")
        }
    }

    enum Answer {
        case adopted(serviceItem: UUID?, activity: UUID?, note: String)
        case declined(reason: String)
    }

    static func answer(_ demand: Demand, _ answer: Answer, staffID: UUID, now: Date, lang: Lang, on db: any Database) async throws {
        guard demand.status == .open else {
            throw AppError.conflict(zh: "这条需求已经答复过了。", en: "This demand has already been answered.")
        }
        switch answer {
        case .adopted(let item, let activity, let note):
            guard item != nil || activity != nil else {
                throw AppError.invalid(["link": lang.t("采纳时请选择对应的服务菜单项目或活动，群众可以直接查看。", "When adopting, link the menu item or activity so people can find it.")])
            }
            demand.status = .adopted
            demand.$serviceItem.id = item
            demand.$activity.id = activity
            demand.answer = String(note.trimmingCharacters(in: .whitespacesAndNewlines).prefix(maxText))
        case .declined(let reason):
            let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= maxText else {
                throw AppError.invalid(["reason": lang.t("不采纳时请写明原因（\(maxText) 字以内），会公开显示。", "Give the reason for not adopting (up to \(maxText) characters); it is shown publicly.")])
            }
            demand.status = .declined
            demand.answer = reason
        }
        demand.answeredBy = staffID
        demand.answeredAt = now
        try await db.writeTransaction { tx in try await demand.update(on: tx) }
    }
}

public final class DemandSupport: Model, @unchecked Sendable {
    public static let schema = "demand_supports"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "demand_id") public var demand: Demand
    @Parent(key: "account_id") public var account: Account
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    convenience init(demandID: UUID, accountID: UUID, at: Date) {
        self.init()
        $demand.id = demandID
        $account.id = accountID
        createdAt = at
    }
}
