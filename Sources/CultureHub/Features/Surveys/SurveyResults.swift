import Fluent
import Foundation
import KPIMetrics
import SQLKit
import XLSXWriter

/// Survey figures counted in SQL, and the answer sheets for export.
struct SurveyResults {
    struct QuestionResult {
        let question: SurveyQuestion
        /// Respondents who answered this question.
        let answered: Int
        /// Per option (choice questions, index 0 = option 1) or per score 1…5 (scale questions).
        let counts: [Int]
        let texts: [String]
        var histogram: ScoreHistogram? { question.kind == .scale ? ScoreHistogram(counts: counts) : nil }
    }

    let total: Int
    /// Third-party surveys are answered online and on paper too: both are shown.
    let byChannel: [(channel: FeedbackChannel, offline: Bool, count: Int)]

    static func channelLabel(_ channel: FeedbackChannel, offline: Bool, _ lang: Lang) -> String {
        channel == .thirdParty ? SatisfactionPanel.channelLabel(channel, lang) + (offline ? lang.t("（纸质）", " (paper)") : lang.t("（线上）", " (online)"))
            : SatisfactionPanel.channelLabel(channel, lang)
    }
    let questions: [QuestionResult]

    static func responseCounts(_ surveyIDs: [UUID], on db: any Database) async throws -> [UUID: Int] {
        guard !surveyIDs.isEmpty else { return [:] }
        struct Row: Decodable { let survey_id: UUID; let n: Int }
        let rows = try await (db as! any SQLDatabase).select().column("survey_id").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SurveyResponse.schema).where("survey_id", .in, surveyIDs).groupBy("survey_id").all(decoding: Row.self)
        return Dictionary(rows.map { ($0.survey_id, $0.n) }, uniquingKeysWith: +)
    }

    static func load(_ survey: Survey, questions: [SurveyQuestion], on db: any Database) async throws -> SurveyResults {
        let sql = db as! any SQLDatabase
        let id = try survey.requireID()
        struct ChannelRow: Decodable { let channel: String; let offline: Bool; let n: Int }
        let channels = try await sql.select().column("channel").column("offline").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SurveyResponse.schema).where("survey_id", .equal, id).groupBy("channel").groupBy("offline").orderBy("channel").orderBy("offline")
            .all(decoding: ChannelRow.self)
            .compactMap { row in FeedbackChannel(rawValue: row.channel).map { (channel: $0, offline: row.offline, count: row.n) } }
        struct CountRow: Decodable { let question_id: UUID; let value: Int; let n: Int }
        let choiceRows = try await sql.raw("""
            SELECT question_id, choice AS value, COUNT(*) AS n FROM survey_answers WHERE survey_id = \(bind: id) AND choice IS NOT NULL GROUP BY question_id, choice
            UNION ALL
            SELECT question_id, scale AS value, COUNT(*) AS n FROM survey_answers WHERE survey_id = \(bind: id) AND scale IS NOT NULL GROUP BY question_id, scale
            """).all(decoding: CountRow.self)
        struct AnsweredRow: Decodable { let question_id: UUID; let n: Int }
        let answered = try await sql.raw("""
            SELECT question_id, COUNT(DISTINCT response_id) AS n FROM survey_answers WHERE survey_id = \(bind: id) GROUP BY question_id
            """).all(decoding: AnsweredRow.self)
        let answeredBy = Dictionary(answered.map { ($0.question_id, $0.n) }, uniquingKeysWith: +)
        var results: [QuestionResult] = []
        for q in questions {
            let size = q.kind == .scale ? 5 : q.options.count
            var counts = Array(repeating: 0, count: size)
            for row in choiceRows where row.question_id == q.id && (1...max(size, 1)).contains(row.value) { counts[row.value - 1] += row.n }
            var texts: [String] = []
            if q.kind == .text {
                texts = try await SurveyAnswer.query(on: db).filter(\.$questionID == q.id!).filter(\.$text != "")
                    .sort(\.$createdAt, .descending).limit(50).all().map(\.text)
            }
            results.append(QuestionResult(question: q, answered: answeredBy[q.id!] ?? 0, counts: counts, texts: texts))
        }
        return SurveyResults(total: channels.map(\.count).reduce(0, +), byChannel: channels, questions: results)
    }

    // MARK: Export

    struct Sheet {
        let headers: [String]
        let rows: [[Cell]]
    }

    /// One row per questionnaire: who and how, then one column per question.
    static func answerSheet(_ survey: Survey, questions: [SurveyQuestion], time: DisplayTime, lang: Lang, on db: any Database) async throws -> Sheet {
        let responses = try await SurveyResponse.query(on: db).filter(\.$survey.$id == survey.requireID()).sort(\.$createdAt).all()
        let answers = try await SurveyAnswer.query(on: db).filter(\.$surveyID == survey.requireID()).all()
        let byResponse = Dictionary(grouping: answers, by: { $0.$response.id })
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = time.timeZone
        let headers = [lang.t("答卷编号", "Response"), lang.t("渠道", "Channel"), lang.t("匿名", "Anonymous"), lang.t("纸质问卷编号", "Paper no."),
                       lang.t("提交时间", "Submitted")] + questions.map { "\($0.position). " + $0.text(lang) }
        let rows: [[Cell]] = responses.map { r in
            let c = cal.dateComponents([.year, .month, .day, .hour, .minute], from: r.createdAt)
            let mine = byResponse[r.id!] ?? []
            return [.text(String(r.id!.uuidString.prefix(8)).uppercased()), .text(channelLabel(r.channel, offline: r.offline, lang)), .bool(r.anonymous),
                    .text(r.paperRef), .dateTime(year: c.year!, month: c.month!, day: c.day!, hour: c.hour!, minute: c.minute!)]
                + questions.map { q in
                    let given = mine.filter { $0.questionID == q.id }
                    switch q.kind {
                    case .single, .multiple:
                        let labels = given.compactMap(\.choice).sorted().map { q.option($0, lang) }
                        return labels.isEmpty ? .empty : .text(labels.joined(separator: lang.t("；", "; ")))
                    case .scale: return given.first?.scale.map(Cell.integer) ?? .empty
                    case .text: return given.first.map { .text($0.text) } ?? .empty
                    }
                }
        }
        return Sheet(headers: headers, rows: rows)
    }

    func summarySheet(lang: Lang) -> Sheet {
        var rows: [[Cell]] = []
        for r in questions {
            let q = r.question
            switch q.kind {
            case .single, .multiple:
                for (i, n) in r.counts.enumerated() {
                    rows.append([.integer(q.position), .text(q.text(lang)), .text(q.option(i + 1, lang)), .integer(n), r.answered > 0 ? .percent(Double(n) / Double(r.answered)) : .empty])
                }
            case .scale:
                for s in Score.range.reversed() {
                    let n = r.counts[s - 1]
                    rows.append([.integer(q.position), .text(q.text(lang)), .text("\(s) " + Score.label(s, lang)), .integer(n), r.answered > 0 ? .percent(Double(n) / Double(r.answered)) : .empty])
                }
                if let rate = r.histogram?.rate { rows.append([.integer(q.position), .text(q.text(lang)), .text(lang.t("满意率（4–5 分）", "Satisfied (4–5)")), .integer(r.histogram!.satisfied), .percent(rate)]) }
            case .text:
                rows.append([.integer(q.position), .text(q.text(lang)), .text(lang.t("文字回答", "Text answers")), .integer(r.answered), .empty])
            }
        }
        return Sheet(headers: [lang.t("题号", "No."), lang.t("题目", "Question"), lang.t("选项", "Option"), lang.t("份数", "Count"), lang.t("占比", "Share")], rows: rows)
    }

    static func csv(_ sheet: Sheet, lang: Lang) -> String {
        let text: (Cell) -> String = { cell in
            switch cell {
            case .text(let s): s
            case .integer(let n): String(n)
            case .number(let x): String(x)
            case .percent(let x): String(format: "%.1f%%", x * 100)
            case .bool(let b): b ? lang.t("是", "yes") : lang.t("否", "no")
            case .date(let y, let m, let d): String(format: "%04d-%02d-%02d", y, m, d)
            case .dateTime(let y, let m, let d, let h, let min): String(format: "%04d-%02d-%02d %02d:%02d", y, m, d, h, min)
            case .empty: ""
            }
        }
        // A byte-order mark, so Excel opens the Chinese text as UTF-8.
        return "\u{FEFF}" + ([sheet.headers.map(CSV.field)] + sheet.rows.map { $0.map { CSV.field(text($0)) } }).map { $0.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}
