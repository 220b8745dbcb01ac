import Fluent
import Foundation
import KPIMetrics
import SQLKit
import SVGCharts

/// Satisfaction rate 满意率 by month with its channel breakdown (R5.5), for a venue or a region
/// subtree (a township, or the city). Counted in SQL: one GROUP BY per source table, the month
/// decided by a CASE over the month boundaries in the display time zone, so SQLite and
/// PostgreSQL give the same figures without date functions that differ between them.
enum SatisfactionPanel {
    enum Subject: Equatable {
        case venue(UUID)
        case region(path: String)
    }

    struct Model: Equatable {
        var year: Int
        var months: [(month: Int, result: SatisfactionResult)]
        var total: SatisfactionResult

        static func == (a: Model, b: Model) -> Bool {
            a.year == b.year && a.total == b.total && a.months.map(\.month) == b.months.map(\.month) && a.months.map(\.result) == b.months.map(\.result)
        }
    }

    static func load(_ subject: Subject, year: Int, time: DisplayTime, on db: any Database) async throws -> Model {
        let bounds = (1...13).compactMap { m in
            time.instant(day: m == 13 ? String(format: "%04d-01-01", year + 1) : String(format: "%04d-%02d-01", year, m), minute: 0)
        }
        guard bounds.count == 13 else { return Model(year: year, months: [], total: SatisfactionResult([:])) }
        var rows: [(month: Int, channel: FeedbackChannel, score: Int, count: Int)] = []
        for source in sources {
            rows += try await source.rows(subject, bounds: bounds, on: db as! any SQLDatabase)
        }
        let months = Dictionary(grouping: rows, by: \.month).sorted { $0.key < $1.key }.map { month, list in
            (month: month, result: Satisfaction.result(rows: list.map { ($0.channel, $0.score, $0.count) }))
        }
        return Model(year: year, months: months, total: Satisfaction.result(rows: rows.map { ($0.channel, $0.score, $0.count) }))
    }

    struct GroupedRow<K: Decodable>: Decodable { let k: K?; let channel: String; let score: Int; let n: Int }

    /// One table of scores: where it lives and which channel each row belongs to.
    struct Source: Sendable {
        let table: String
        let dateColumn: String
        /// An SQL expression naming the row's channel, as `FeedbackChannel.rawValue`.
        let channel: String
        let scoreColumn: String
        let venueColumn: String
        let regionColumn: String
        let extraFilter: String?
        /// How many scores a row stands for: one, or the respondents of an imported result.
        var countExpression = "COUNT(*)"

        func rows(_ subject: Subject, bounds: [Date], on sql: any SQLDatabase) async throws -> [(month: Int, channel: FeedbackChannel, score: Int, count: Int)] {
            var monthCase = SQLQueryString("CASE")
            for m in 1...12 { monthCase.appendInterpolation(unsafeRaw: " WHEN \(dateColumn) < "); monthCase.appendInterpolation(bind: bounds[m]); monthCase.appendInterpolation(unsafeRaw: " THEN \(m)") }
            monthCase.appendInterpolation(unsafeRaw: " END")
            var query = SQLQueryString("SELECT ")
            query.appendInterpolation(monthCase)
            query.appendInterpolation(unsafeRaw:  " AS month, \(channel) AS channel, \(scoreColumn) AS score, CAST(\(countExpression) AS BIGINT) AS n FROM \(table) WHERE \(dateColumn) >= ")
            query.appendInterpolation(bind: bounds[0])
            query.appendInterpolation(unsafeRaw: " AND \(dateColumn) < ")
            query.appendInterpolation(bind: bounds[12])
            switch subject {
            case .venue(let id): query.appendInterpolation(unsafeRaw: " AND \(venueColumn) = "); query.appendInterpolation(bind: id)
            case .region(let path): query.appendInterpolation(unsafeRaw: " AND "); query.appendInterpolation(RegionPath.sql(regionColumn, within: path))
            }
            if let extraFilter { query.appendInterpolation(unsafeRaw: " AND " + extraFilter) }
            query.appendInterpolation(unsafeRaw: " GROUP BY 1, 2, 3")
            struct Row: Decodable { let month: Int; let channel: String; let score: Int; let n: Int }
            return try await sql.raw(query).all(decoding: Row.self).compactMap { row in
                FeedbackChannel(rawValue: row.channel).map { (row.month, $0, row.score, row.n) }
            }
        }

        /// Counts between two instants grouped by the first `length` characters of the region path:
        /// with every township's path of that length, one query answers for all of them.
        func rowsByPrefix(length: Int, from start: Date, to end: Date, on sql: any SQLDatabase) async throws -> [(prefix: String, channel: FeedbackChannel, score: Int, count: Int)] {
            try await rowsGrouped(by: "SUBSTR(\(regionColumn), 1, \(length))", from: start, to: end, on: sql, as: String.self)
                .map { (prefix: $0.key, channel: $0.channel, score: $0.score, count: $0.count) }
        }

        /// Counts between two instants grouped by any expression over this table's columns
        /// (a region-path prefix, or the venue column), decoded as `K`.
        func rowsGrouped<K: Decodable>(by group: String, from start: Date, to end: Date, on sql: any SQLDatabase, as _: K.Type) async throws -> [(key: K, channel: FeedbackChannel, score: Int, count: Int)] {
            var query = SQLQueryString("SELECT \(unsafeRaw: group) AS k, \(unsafeRaw: channel) AS channel, ")
            query.appendInterpolation(unsafeRaw: "\(scoreColumn) AS score, CAST(\(countExpression) AS BIGINT) AS n FROM \(table) WHERE \(dateColumn) >= ")
            query.appendInterpolation(bind: start)
            query.appendInterpolation(unsafeRaw: " AND \(dateColumn) < ")
            query.appendInterpolation(bind: end)
            if let extraFilter { query.appendInterpolation(unsafeRaw: " AND " + extraFilter) }
            query.appendInterpolation(unsafeRaw: " GROUP BY 1, 2, 3")
            // A survey about the whole city has no venue: its rows have no key and belong to no unit.
            return try await sql.raw(query).all(decoding: GroupedRow<K>.self).compactMap { row in
                guard let key = row.k, let channel = FeedbackChannel(rawValue: row.channel) else { return nil }
                return (key, channel, row.score, row.n)
            }
        }
    }

    /// Each township's result for a year: one query per source and path length, not per township,
    /// so a province's thousands of townships cost the same few queries.
    static func byTownship(_ townships: [TownshipRef], year: Int, time: DisplayTime, on db: any Database) async throws -> [UUID: SatisfactionResult] {
        guard let start = time.instant(day: String(format: "%04d-01-01", year), minute: 0),
              let end = time.instant(day: String(format: "%04d-01-01", year + 1), minute: 0) else { return [:] }
        var rows: [String: [(channel: FeedbackChannel, score: Int, count: Int)]] = [:]
        for length in Set(townships.map(\.path.count)) {
            for source in sources {
                for row in try await source.rowsByPrefix(length: length, from: start, to: end, on: db as! any SQLDatabase) {
                    rows[row.prefix, default: []].append((row.channel, row.score, row.count))
                }
            }
        }
        return Dictionary(uniqueKeysWithValues: townships.map { ($0.id, Satisfaction.result(rows: rows[$0.path] ?? [])) })
    }

    /// Accounts whose voice counts (issue #20 point 5): citizens who proved their number by SMS
    /// code, and staff (a village's culture staff rate the orders delivered to it). An account that
    /// confirms later has its earlier feedback counted from then on.
    /// A closed account no longer counts: its number is free again, and a new account with it
    /// would otherwise give the same person a second voice.
    static let countedAccounts = "SELECT id FROM accounts "
        + "WHERE (phone_verified_at IS NOT NULL AND is_active = TRUE) OR role <> 'citizen'"
    /// Answers that count: paper sheets typed in by staff, and online answers of counted accounts.
    /// Anonymous online answers are kept and shown with the survey, but a fresh cookie per answer
    /// would let anyone add as many as they liked, so they are not in the figures.
    /// An evaluation scheme may count anonymous answers too (`Scheme.countsAnonymousSurveys`).
    static func countedResponses(anonymous: Bool) -> String {
        "SELECT r.id FROM survey_responses r LEFT JOIN accounts c ON c.id = r.account_id "
            + "WHERE r.offline = TRUE OR (c.phone_verified_at IS NOT NULL AND c.is_active = TRUE) OR c.role <> 'citizen'"
            + (anonymous ? " OR r.anonymous = TRUE" : "")
    }

    /// Online ratings, and the satisfaction question of each survey (its channel stored per answer).
    static let sources = sources(countingAnonymous: false)

    static func sources(countingAnonymous: Bool) -> [Source] { [
        Source(table: "ratings", dateColumn: "created_at", channel: "'\(FeedbackChannel.onlineRating.rawValue)'", scoreColumn: "score",
               venueColumn: "venue_id", regionColumn: "region_path", extraFilter: "account_id IN (\(countedAccounts))"),
        Source(table: "survey_answers", dateColumn: "created_at", channel: "channel", scoreColumn: "scale",
               venueColumn: "venue_id", regionColumn: "region_path",
               extraFilter: "for_satisfaction = TRUE AND scale IS NOT NULL "
                + "AND response_id IN (\(countedResponses(anonymous: countingAnonymous)))"),
        Source(table: "third_party_results", dateColumn: "surveyed_at", channel: "'\(FeedbackChannel.thirdParty.rawValue)'", scoreColumn: "score",
               venueColumn: "venue_id", regionColumn: "region_path", extraFilter: nil, countExpression: "SUM(count)"),
    ] }

    static func channelLabel(_ c: FeedbackChannel, _ lang: Lang) -> String {
        switch c {
        case .onlineRating: lang.t("线上评价", "Online ratings")
        case .onlineSurvey: lang.t("线上问卷", "Online surveys")
        case .paperSurvey: lang.t("纸质问卷", "Paper surveys")
        case .thirdParty: lang.t("第三方测评", "Third party")
        }
    }

    static func render(_ ctx: PageContext, _ m: Model, heading: String, id: String = "satisfaction") -> HNode {
        let cell: (SatisfactionResult, FeedbackChannel) -> HNode = { r, c in
            H.text(r.count(c) == 0 ? "—" : "\(percentText(r.rate(c)))（\(r.count(c))）")
        }
        let row: (String, SatisfactionResult) -> [HNode] = { label, r in
            [H.text(label), H.text(percentText(r.rate)), H.text(String(r.total.valid))] + FeedbackChannel.allCases.map { cell(r, $0) }
        }
        let rows = m.months.map { row(ctx.t("\($0.month) 月", "Month \($0.month)"), $0.result) } + (m.months.isEmpty ? [] : [row(ctx.t("全年", "Year"), m.total)])
        let byMonth = Dictionary(uniqueKeysWithValues: m.months.map { ($0.month, $0.result) })
        let lastMonth = m.months.map(\.month).max() ?? 0
        let trend = LineChart(
            title: ctx.t("\(m.year) 年各月满意率", "Satisfaction by month, \(m.year)"),
            summary: ctx.t("全部渠道合计的满意率，按月；没有评价的月份留空。数字见下表。", "All channels together, by month; months without scores are left out. Figures are in the table below."),
            labels: (1...max(lastMonth, 1)).map { ctx.t("\($0)月", "\($0)") },
            series: [.init(name: ctx.t("满意率", "Satisfied"), values: (1...max(lastMonth, 1)).map { byMonth[$0]?.rate })],
            maximum: 1, format: { String(format: "%.0f%%", $0 * 100) })
        return H.section(labelledBy: id, title: heading, [
            H.p(ctx.t("满意率 = 评为 4 分（满意）或 5 分（非常满意）的份数 ÷ 有效评分份数，各渠道合计；括号内为份数。",
                      "Satisfaction = scores of 4 (satisfied) or 5 (very satisfied) ÷ valid scores, all channels together; counts in brackets."), cls: "hint"),
            m.months.count < 2 ? H.empty : H.el("figure", [("class", "chart-figure")], [.raw(trend.svg(id: id + "-trend"))]),
            rows.isEmpty ? Tables.empty(ctx.t("\(m.year) 年还没有评价或问卷数据。", "No ratings or survey answers in \(m.year) yet."))
                : Tables.table(caption: ctx.t("\(m.year) 年各月满意率", "Satisfaction by month, \(m.year)"),
                               headers: [ctx.t("月份", "Month"), ctx.t("满意率", "Satisfied"), ctx.t("有效份数", "Valid")]
                                   + FeedbackChannel.allCases.map { channelLabel($0, ctx.lang) }, rows: rows),
        ])
    }
}
