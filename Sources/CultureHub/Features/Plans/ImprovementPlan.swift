import Fluent
import Foundation
import KPIMetrics

/// A township's or city venue's yearly efficiency-improvement plan (效能提升办法, R8.3).
public final class ImprovementPlan: Model, @unchecked Sendable {
    public static let schema = "improvement_plans"

    @ID(key: .id) public var id: UUID?
    @Field(key: "unit_kind") public var unitKind: UnitKind
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_name") public var unitName: String
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "year") public var year: Int
    @Field(key: "summary") public var summary: String
    @OptionalParent(key: "created_by") public var createdBy: Account?
    @Field(key: "created_at") public var createdAt: Date
    @Children(for: \.$plan) public var measures: [ImprovementMeasure]

    public init() {}
}

/// One measure: what, who, by when, its progress, and the indicators it is meant to move.
public final class ImprovementMeasure: Model, @unchecked Sendable {
    public static let schema = "improvement_measures"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "plan_id") public var plan: ImprovementPlan
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "measure") public var measure: String
    @Field(key: "owner") public var owner: String
    @Field(key: "deadline") public var deadline: String
    /// Comma-separated `Indicator` raw values.
    @Field(key: "indicators") public var indicatorCodes: String
    @Field(key: "progress") public var progress: Int
    @Field(key: "progress_note") public var progressNote: String
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    var indicators: [Indicator] { indicatorCodes.split(separator: ",").compactMap { Indicator(rawValue: String($0)) } }
}
