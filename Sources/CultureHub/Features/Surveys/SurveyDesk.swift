import Fluent
import Foundation

/// Building, opening and answering surveys (R5.2–R5.3). Every write is one transaction.
enum SurveyDesk {
    static func questions(of survey: Survey, on db: any Database) async throws -> [SurveyQuestion] {
        try await SurveyQuestion.query(on: db).filter(\.$survey.$id == survey.requireID()).sort(\.$position).all()
    }

    static func addQuestion(to survey: Survey, kind: QuestionKind, textZh: String, textEn: String, required: Bool, optionLines: String,
                            forSatisfaction: Bool, lang: Lang, on db: any Database) async throws {
        guard survey.status == .draft else {
            throw AppError.conflict(zh: "问卷发布后不能再改题目，以免前后答卷不一致。", en: "Questions cannot change once the survey is open, so all answers stay comparable.")
        }
        var check = FormCheck(lang)
        let zh = check.text("textZh", textZh, max: 200)
        let en = check.text("textEn", textEn, required: false, max: 300)
        var options: [(zh: String, en: String)] = []
        if kind.hasOptions {
            options = optionLines.split(whereSeparator: \.isNewline).map { line in
                let parts = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                return (parts.first ?? "", parts.count > 1 ? parts[1] : "")
            }.filter { !$0.zh.isEmpty }
            if options.count < 2 || options.count > 20 {
                check.fail("options", "选择题要有 2 到 20 个选项，每行一个。", "A choice question needs 2 to 20 options, one per line.")
            } else if options.contains(where: { $0.zh.count > 100 }) {
                check.fail("options", "每个选项不超过 100 个字。", "Each option at most 100 characters.")
            }
        }
        if forSatisfaction && kind != .scale {
            check.fail("forSatisfaction", "只有 1–5 分评分题可以计入满意率。", "Only a 1–5 scale question can count towards satisfaction.")
        }
        try check.throwIfInvalid()
        let parsedOptions = options
        try await db.writeTransaction { tx in
            let existing = try await SurveyQuestion.query(on: tx).filter(\.$survey.$id == survey.requireID()).all()
            if forSatisfaction, existing.contains(where: \.forSatisfaction) {
                throw AppError.invalid(["forSatisfaction": lang.t("每份问卷只有一道题计入满意率，已经有了。", "Only one question per survey counts towards satisfaction, and there is one already.")])
            }
            let q = SurveyQuestion()
            q.$survey.id = try survey.requireID()
            q.position = (existing.map(\.position).max() ?? 0) + 1
            q.kind = kind
            q.textZh = zh
            q.textEn = en
            q.required = required
            q.options = parsedOptions
            q.forSatisfaction = forSatisfaction
            try await q.create(on: tx)
        }
    }

    static func deleteQuestion(_ q: SurveyQuestion, of survey: Survey, on db: any Database) async throws {
        guard survey.status == .draft else {
            throw AppError.conflict(zh: "问卷发布后不能再删题。", en: "Questions cannot be removed once the survey is open.")
        }
        try await db.writeTransaction { tx in try await q.delete(on: tx) }
    }

    static func open(_ survey: Survey, now: Date, on db: any Database) async throws {
        guard survey.status == .draft else { throw AppError.conflict(zh: "只有草稿可以发布。", en: "Only a draft can be opened.") }
        guard try await !questions(of: survey, on: db).isEmpty else {
            throw AppError.conflict(zh: "请先添加至少一道题目再发布。", en: "Add at least one question before opening the survey.")
        }
        try await db.writeTransaction { tx in
            survey.status = .open
            survey.openedAt = now
            try await survey.update(on: tx)
        }
    }

    static func close(_ survey: Survey, now: Date, on db: any Database) async throws {
        guard survey.status == .open else { throw AppError.conflict(zh: "只有进行中的问卷可以结束。", en: "Only an open survey can be closed.") }
        try await db.writeTransaction { tx in
            survey.status = .closed
            survey.closedAt = now
            try await survey.update(on: tx)
        }
    }

    struct Respondent {
        var account: Account?
        var deviceToken: String?
        var enteredBy: UUID?
        var paperRef: String = ""
        var offline: Bool { enteredBy != nil }
    }

    static func deviceKey(_ token: String) -> String {
        Hex.sha256("survey-device:" + token)
    }

    /// Saves one filled-in questionnaire per respondent; all or nothing.
    static func submit(_ survey: Survey, questions: [SurveyQuestion], sheets: [(Respondent, [ParsedAnswer])], now: Date, on db: any Database) async throws {
        guard survey.status == .open else {
            throw AppError.conflict(zh: survey.status == .closed ? "这份问卷已经结束，不再收集答卷。谢谢您的关注。" : "这份问卷还没有发布。",
                                    en: survey.status == .closed ? "This survey has closed and no longer takes answers. Thank you." : "This survey is not open yet.")
        }
        for (respondent, _) in sheets where !respondent.offline { try respondent.account?.requireCitizen() }
        let satisfactionQuestion = Set(questions.filter(\.forSatisfaction).compactMap(\.id))
        do {
            try await db.writeTransaction { tx in
                for (who, answers) in sheets {
                    let response = SurveyResponse()
                    response.$survey.id = try survey.requireID()
                    response.offline = who.offline
                    response.channel = survey.channel(offline: who.offline)
                    response.accountID = who.account?.id
                    response.deviceKey = who.account == nil ? who.deviceToken.map(deviceKey) : nil
                    response.anonymous = who.account == nil && !who.offline
                    response.enteredBy = who.enteredBy
                    response.paperRef = who.paperRef
                    response.createdAt = now
                    try await response.create(on: tx)
                    for answer in answers where !answer.isEmpty {
                        for choice in answer.choices.isEmpty ? [nil] : answer.choices.map(Optional.some) {
                            let row = SurveyAnswer()
                            row.$response.id = try response.requireID()
                            row.surveyID = try survey.requireID()
                            row.questionID = answer.questionID
                            row.choice = choice
                            row.scale = answer.scale
                            row.text = answer.text
                            row.venueID = survey.$venue.id
                            row.regionPath = survey.regionPath
                            row.channel = response.channel
                            row.forSatisfaction = satisfactionQuestion.contains(answer.questionID)
                            row.createdAt = now
                            try await row.create(on: tx)
                        }
                    }
                }
            }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.conflict(zh: "您已经填写过这份问卷了，每人只能填一次。谢谢！", en: "You have already answered this survey; it takes one answer per person. Thank you!")
        }
    }
}
