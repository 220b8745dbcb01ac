import Fluent
import Foundation
import KPIMetrics

public enum SurveyStatus: String, Codable, Sendable, CaseIterable, Labeled {
    case draft, open, closed
    public var zh: String { switch self { case .draft: "草稿"; case .open: "进行中"; case .closed: "已结束" } }
    public var en: String { switch self { case .draft: "Draft"; case .open: "Open"; case .closed: "Closed" } }
}

public enum SurveyTargetKind: String, Codable, Sendable, CaseIterable, Labeled {
    case venue, township, activity
    public var zh: String { switch self { case .venue: "场馆"; case .township: "乡镇（街道）"; case .activity: "活动" } }
    public var en: String { switch self { case .venue: "Venue"; case .township: "Township"; case .activity: "Activity" } }
}

public enum QuestionKind: String, Codable, Sendable, CaseIterable, Labeled {
    case single, multiple, scale, text
    public var zh: String { switch self { case .single: "单选"; case .multiple: "多选"; case .scale: "1–5 分评分"; case .text: "文字回答" } }
    public var en: String { switch self { case .single: "Single choice"; case .multiple: "Multiple choice"; case .scale: "1–5 scale"; case .text: "Free text" } }
    var hasOptions: Bool { self == .single || self == .multiple }
}

public final class Survey: Model, @unchecked Sendable {
    public static let schema = "surveys"

    @ID(key: .id) public var id: UUID?
    @Field(key: "title_zh") public var titleZh: String
    @Field(key: "title_en") public var titleEn: String
    @Field(key: "intro_zh") public var introZh: String
    @Field(key: "intro_en") public var introEn: String
    @Field(key: "target_kind") public var targetKind: SurveyTargetKind
    @OptionalParent(key: "venue_id") public var venue: Venue?
    @OptionalParent(key: "activity_id") public var activity: Activity?
    @OptionalParent(key: "region_id") public var region: Region?
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "status") public var status: SurveyStatus
    /// Built by a third-party evaluator: its answers count in the "third party" channel.
    @Field(key: "third_party") public var thirdParty: Bool
    @OptionalField(key: "created_by") public var createdBy: UUID?
    @OptionalField(key: "opened_at") public var openedAt: Date?
    @OptionalField(key: "closed_at") public var closedAt: Date?
    @Field(key: "created_at") public var createdAt: Date

    public init() {}

    func title(_ lang: Lang) -> String { lang == .en && !titleEn.isEmpty ? titleEn : titleZh }
    func intro(_ lang: Lang) -> String { lang == .en && !introEn.isEmpty ? introEn : introZh }

    func channel(offline: Bool) -> FeedbackChannel { thirdParty ? .thirdParty : offline ? .paperSurvey : .onlineSurvey }
}

extension Survey: ScopedModel {
    public static var regionPathKey: KeyPath<Survey, FieldProperty<Survey, String>> { \.$regionPath }
    public var owningVenueID: UUID? { $venue.id }
    public static func restrict(_ query: QueryBuilder<Survey>, toVenue venueID: UUID) -> QueryBuilder<Survey> {
        query.filter(\.$venue.$id == venueID)
    }
}

public final class SurveyQuestion: Model, @unchecked Sendable {
    public static let schema = "survey_questions"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "survey_id") public var survey: Survey
    @Field(key: "position") public var position: Int
    @Field(key: "kind") public var kind: QuestionKind
    @Field(key: "text_zh") public var textZh: String
    @Field(key: "text_en") public var textEn: String
    @Field(key: "required") public var required: Bool
    @Field(key: "options") public var optionsJSON: String
    /// This 1–5 question is the survey's satisfaction question and counts in the satisfaction rate.
    @Field(key: "for_satisfaction") public var forSatisfaction: Bool

    public init() {}

    func text(_ lang: Lang) -> String { lang == .en && !textEn.isEmpty ? textEn : textZh }

    /// Options as (zh, en) pairs, numbered from 1 on paper and in exports.
    var options: [(zh: String, en: String)] {
        get {
            guard let pairs = try? JSONDecoder().decode([[String]].self, from: Data(optionsJSON.utf8)) else { return [] }
            return pairs.map { ($0.first ?? "", $0.count > 1 ? $0[1] : "") }
        }
        set {
            let data = (try? JSONEncoder().encode(newValue.map { [$0.zh, $0.en] })) ?? Data("[]".utf8)
            optionsJSON = String(decoding: data, as: UTF8.self)
        }
    }

    func option(_ index: Int, _ lang: Lang) -> String {
        guard index >= 1, index <= options.count else { return "?" }
        let o = options[index - 1]
        return lang == .en && !o.en.isEmpty ? o.en : o.zh
    }
}

public final class SurveyResponse: Model, @unchecked Sendable {
    public static let schema = "survey_responses"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "survey_id") public var survey: Survey
    @Field(key: "offline") public var offline: Bool
    @Field(key: "channel") public var channel: FeedbackChannel
    @OptionalField(key: "account_id") public var accountID: UUID?
    @OptionalField(key: "device_key") public var deviceKey: String?
    @Field(key: "anonymous") public var anonymous: Bool
    @OptionalField(key: "entered_by") public var enteredBy: UUID?
    /// The number written on a paper questionnaire, so a typed-in sheet can be found again.
    @Field(key: "paper_ref") public var paperRef: String
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}

public final class SurveyAnswer: Model, @unchecked Sendable {
    public static let schema = "survey_answers"

    @ID(key: .id) public var id: UUID?
    @Parent(key: "response_id") public var response: SurveyResponse
    @Field(key: "survey_id") public var surveyID: UUID
    @Field(key: "question_id") public var questionID: UUID
    @OptionalField(key: "choice") public var choice: Int?
    @OptionalField(key: "scale") public var scale: Int?
    @Field(key: "text") public var text: String
    @OptionalField(key: "venue_id") public var venueID: UUID?
    @Field(key: "region_path") public var regionPath: String
    @Field(key: "channel") public var channel: FeedbackChannel
    @Field(key: "for_satisfaction") public var forSatisfaction: Bool
    @Field(key: "created_at") public var createdAt: Date

    public init() {}
}
