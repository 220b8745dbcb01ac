import Fluent
import Foundation
import Vapor

struct SurveyQuestionDTO: Content {
    let id: UUID
    let position: Int
    let kind: String
    let text: String
    let required: Bool
    /// Choice questions: option texts, answered by number from 1.
    let options: [String]
    let countsForSatisfaction: Bool
}

struct SurveyDTO: Content {
    let id: UUID
    let title: String
    let intro: String
    let targetKind: String
    let venueId: UUID?
    let townshipId: UUID?
    let activityId: UUID?
    let status: String
    let questions: [SurveyQuestionDTO]?
}

/// Open surveys and answering them in `/api/v1` (signed-in accounts; once per account).
enum APISurveyController {
    @Sendable static func index(req: Request) async throws -> PageDTO<SurveyDTO> {
        let lang = req.lang
        return try await Survey.query(on: req.db).filter(\.$status == .open).sort(\.$openedAt, .descending).paginate(req.apiPage())
            .dto { dto($0, questions: nil, lang: lang) }
    }

    @Sendable static func show(req: Request) async throws -> SurveyDTO {
        guard let survey = try await Survey.find(req.id(), on: req.db), survey.status != .draft else { throw AppError.notFound }
        return dto(survey, questions: try await SurveyDesk.questions(of: survey, on: req.db), lang: req.lang)
    }

    /// Body: {"answers": {"<questionId>": 4 | [1, 3] | "text"}}.
    @Sendable static func respond(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard let survey = try await Survey.find(req.id(), on: req.db), survey.status != .draft else { throw AppError.notFound }
        struct Body: Decodable { var answers: [String: AnswerValue] }
        let body = try req.json(Body.self)
        let questions = try await SurveyDesk.questions(of: survey, on: req.db)
        let byID = Dictionary(uniqueKeysWithValues: body.answers.compactMap { key, value in UUID(uuidString: key).map { ($0, value.strings) } })
        let unknown = body.answers.keys.filter { key in !questions.contains { $0.id?.uuidString.lowercased() == key.lowercased() } }
        let (answers, errors) = SurveyAnswers.parse(questions, raw: { byID[$0.id!] ?? [] }, lang: req.lang)
        var fields = Dictionary(uniqueKeysWithValues: errors.map { ("answers." + $0.key.uuidString.lowercased(), $0.value) })
        for key in unknown { fields["answers." + key] = req.lang.t("这份问卷没有这道题。", "This survey has no such question.") }
        guard fields.isEmpty else { throw AppError.invalid(fields) }
        try await req.countFeedback(by: account)
        try await SurveyDesk.submit(survey, questions: questions, sheets: [(.init(account: account), answers)], now: req.now, on: req.db)
        return try await created(dto(survey, questions: nil, lang: req.lang), for: req)
    }

    /// A number, several numbers, or text: whatever the question takes.
    enum AnswerValue: Decodable {
        case number(Int), numbers([Int]), text(String)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .number(n) }
            else if let list = try? c.decode([Int].self) { self = .numbers(list) }
            else { self = .text(try c.decode(String.self)) }
        }
        var strings: [String] {
            switch self {
            case .number(let n): [String(n)]
            case .numbers(let list): list.map(String.init)
            case .text(let t): [t]
            }
        }
    }

    static func dto(_ s: Survey, questions: [SurveyQuestion]?, lang: Lang) -> SurveyDTO {
        SurveyDTO(id: s.id!, title: s.title(lang), intro: s.intro(lang), targetKind: s.targetKind.rawValue, venueId: s.$venue.id, townshipId: s.$region.id,
                  activityId: s.$activity.id, status: s.status.rawValue,
                  questions: questions?.map { q in
                      SurveyQuestionDTO(id: q.id!, position: q.position, kind: q.kind.rawValue, text: q.text(lang), required: q.required,
                                        options: q.options.indices.map { q.option($0 + 1, lang) }, countsForSatisfaction: q.forSatisfaction)
                  })
    }
}
