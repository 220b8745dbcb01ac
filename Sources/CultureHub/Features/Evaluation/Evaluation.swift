import Fluent
import Foundation
import KPIMetrics

/// One version of the scheme for a period type. Versions are never edited: saving makes the
/// next one, and every run names the version it used (R8.1).
public final class EvaluationSchemeRecord: Model, @unchecked Sendable {
    public static let schema = "evaluation_schemes"

    @ID(key: .id) public var id: UUID?
    @Field(key: "period_type") public var periodType: PeriodType
    @Field(key: "version") public var version: Int
    /// The `Scheme` as JSON.
    @Field(key: "body") public var body: String
    @Field(key: "note") public var note: String
    @OptionalParent(key: "created_by") public var createdBy: Account?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    init(scheme: Scheme, version: Int, note: String, by account: UUID?, at now: Date) throws {
        periodType = scheme.periodType
        self.version = version
        body = String(decoding: try JSONEncoder.sorted.encode(scheme), as: UTF8.self)
        self.note = note
        $createdBy.id = account
        createdAt = now
    }

    var scheme: Scheme {
        get throws { try JSONDecoder().decode(Scheme.self, from: Data(body.utf8)) }
    }
}

public enum RunStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case draft, review, published
    public var zh: String { switch self { case .draft: "草稿"; case .review: "待审核"; case .published: "已发布" } }
    public var en: String { switch self { case .draft: "Draft"; case .review: "In review"; case .published: "Published" } }
}

/// A period evaluated for every township and city venue: draft → review → published. A
/// published run and its results are never written again (R8.2).
public final class EvaluationRun: Model, @unchecked Sendable {
    public static let schema = "evaluation_runs"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "scheme_id") public var scheme: EvaluationSchemeRecord
    @Field(key: "period_type") public var periodType: PeriodType
    @Field(key: "period_key") public var periodKey: String
    @Field(key: "status") public var status: RunStatus
    @Field(key: "computed_at") public var computedAt: Date
    @OptionalParent(key: "created_by") public var createdBy: Account?
    @OptionalParent(key: "reviewed_by") public var reviewedBy: Account?
    @OptionalField(key: "reviewed_at") public var reviewedAt: Date?
    @OptionalParent(key: "published_by") public var publishedBy: Account?
    @OptionalField(key: "published_at") public var publishedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    var period: EvaluationPeriod? { EvaluationPeriod(type: periodType, key: periodKey) }
}

/// One unit's frozen figures in a run: the score, the inputs it came from, its rank.
public final class EvaluationResult: Model, @unchecked Sendable {
    public static let schema = "evaluation_results"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "run_id") public var run: EvaluationRun
    @Field(key: "unit_kind") public var unitKind: UnitKind
    @Field(key: "unit_id") public var unitID: UUID
    @Field(key: "unit_name") public var unitName: String
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "total") public var total: Double
    @Field(key: "rank") public var rank: Int
    @Field(key: "exposure") public var exposure: Double
    @Field(key: "score") public var scoreJSON: String
    @Field(key: "inputs") public var inputsJSON: String

    public init() {}

    var score: UnitScore { get throws { try JSONDecoder().decode(UnitScore.self, from: Data(scoreJSON.utf8)) } }
    var inputs: UnitInputs { get throws { try JSONDecoder().decode(UnitInputs.self, from: Data(inputsJSON.utf8)) } }
}

extension JSONEncoder {
    /// Stable key order, so a snapshot's JSON is byte-for-byte the same for the same figures.
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}

extension UnitKind: Labeled {
    public var zh: String { self == .township ? "乡镇（街道）" : "市直场馆" }
    public var en: String { self == .township ? "Township" : "City venue" }
}

extension PeriodType: Labeled {}

extension Indicator: Labeled {}
extension DeductionKind: Labeled {}
extension IntegrityRule: Labeled {}
