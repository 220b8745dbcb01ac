import Fluent
import Foundation

/// What a rating is about (R5.1): an activity or a venue rated by citizens, or an order (点单)
/// rated by the village that received it.
public enum RatingTarget: Sendable, Equatable {
    case activity(UUID)
    case venue(UUID)
    case order(UUID)

    var key: String {
        switch self {
        case .activity(let id): "activity:" + id.uuidString.lowercased()
        case .venue(let id): "venue:" + id.uuidString.lowercased()
        case .order(let id): "order:" + id.uuidString.lowercased()
        }
    }
}

/// The five points of the satisfaction scale, worded as Chinese questionnaires word them.
enum Score {
    static let range = 1...5
    static func label(_ score: Int, _ lang: Lang) -> String {
        switch score {
        case 5: lang.t("非常满意", "Very satisfied")
        case 4: lang.t("满意", "Satisfied")
        case 3: lang.t("一般", "Neutral")
        case 2: lang.t("不满意", "Dissatisfied")
        default: lang.t("非常不满意", "Very dissatisfied")
        }
    }
    static func options(_ lang: Lang) -> [FormField.Option] {
        range.reversed().map { .init(value: String($0), label: "\($0) " + lang.t("分 · ", " – ") + label($0, lang)) }
    }
}

/// A citizen's 1–5 rating with an optional comment. Staff may hide an abusive comment (with a
/// reason); the score still counts, because hiding words is not the same as discarding a vote.
public final class Rating: Model, @unchecked Sendable {
    public static let schema = "ratings"

    @ID(key: .id) public var id: UUID?
    @Field(key: "target_key") public var targetKey: String
    @Parent(key: "account_id") public var account: Account
    @OptionalParent(key: "activity_id") public var activity: Activity?
    @Parent(key: "venue_id") public var venue: Venue
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "score") public var score: Int
    @Field(key: "comment") public var comment: String
    @OptionalField(key: "hidden_reason") public var hiddenReason: String?
    @OptionalField(key: "hidden_by") public var hiddenBy: UUID?
    @OptionalField(key: "hidden_at") public var hiddenAt: Date?
    @Field(key: "created_at") public var createdAt: Date
    @Field(key: "updated_at") public var updatedAt: Date

    public init() {}

    var isHidden: Bool { hiddenReason != nil }
}

extension Rating: ScopedModel {
    public static var regionPathKey: KeyPath<Rating, FieldProperty<Rating, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<Rating>, toVenue venueID: UUID) -> QueryBuilder<Rating> {
        query.filter(\.$venue.$id == venueID)
    }
}
