import Fluent
import Foundation

/// Scores from a third-party satisfaction survey (第三方测评), one row per venue, day and score
/// with how many respondents gave it. They count in satisfaction under the third-party channel.
public final class ThirdPartyResult: Model, @unchecked Sendable {
    public static let schema = "third_party_results"

    @ID(key: .id) public var id: UUID?
    @Field(key: "batch_id") public var batchID: UUID
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "surveyed_at") public var surveyedAt: Date
    @Field(key: "score") public var score: Int
    @Field(key: "count") public var count: Int
    /// The file name, or "手工录入" for a row typed in.
    @Field(key: "source") public var source: String
    @OptionalParent(key: "created_by") public var createdBy: Account?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

extension ThirdPartyResult: ScopedModel {
    public static var regionPathKey: KeyPath<ThirdPartyResult, FieldProperty<ThirdPartyResult, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<ThirdPartyResult>, toVenue venueID: UUID) -> QueryBuilder<ThirdPartyResult> { query.filter(\.$venue.$id == venueID) }
}

/// One problem in an import: the row (1 is the header), the column and why.
struct ImportProblem: Equatable {
    let row: Int
    let column: String
    let reason: String
}
