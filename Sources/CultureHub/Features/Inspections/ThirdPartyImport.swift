import Fluent
import Foundation
import Vapor
import XLSXWriter

/// Third-party survey results imported from CSV or XLSX, or typed in (R8.3). A file is checked
/// row by row first; if any row is wrong, the report lists every problem and nothing is saved.
enum ThirdPartyImport {
    static let headers = ["场馆", "调查日期", "评分", "份数"]
    static let englishHeaders = ["venue", "date", "score", "count"]
    static let maxRows = 20_000

    struct Row { let venue: Venue; let day: String; let score: Int; let count: Int }

    /// Rows of text from an uploaded file: XLSX by its ZIP signature, otherwise CSV (UTF-8, BOM allowed).
    static func table(_ data: Data) throws -> [[String]] {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return try XLSXReader.rows(data) }
        guard var text = String(data: data, encoding: .utf8) else { throw AppError.invalid(["file": "文件不是 UTF-8 编码的 CSV，也不是 Excel（.xlsx）文件。"]) }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return parseCSV(text)
    }

    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var chars = Array(text)[...]
        while let c = chars.popFirst() {
            if quoted {
                if c == "\"" { if chars.first == "\"" { field.append("\""); chars.removeFirst() } else { quoted = false } } else { field.append(c) }
            } else if c == "\"" { quoted = true
            } else if c == "," { row.append(field); field = ""
            } else if c == "\n" || c == "\r\n" || c == "\r" { row.append(field); rows.append(row); row = []; field = ""
            } else { field.append(c) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows.filter { !$0.allSatisfy { $0.trimmingCharacters(in: .whitespaces).isEmpty } }
    }

    /// Every row checked against the venues in scope (by name, or by id); problems in the user's language.
    static func check(_ table: [[String]], scope: Scope, today: String, lang: Lang, on db: any Database) async throws -> ([Row], [ImportProblem]) {
        var problems: [ImportProblem] = []
        guard let header = table.first?.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }),
              header.prefix(4).elementsEqual(headers) || header.prefix(4).elementsEqual(englishHeaders) else {
            return ([], [ImportProblem(row: 1, column: lang.t("表头", "Header"), reason: lang.t("第一行应为：场馆,调查日期,评分,份数", "The first row must be: venue,date,score,count"))])
        }
        let body = table.dropFirst()
        if body.isEmpty { problems.append(ImportProblem(row: 2, column: "—", reason: lang.t("文件里没有数据行。", "The file has no data rows."))) }
        if body.count > maxRows { return ([], [ImportProblem(row: maxRows + 2, column: "—", reason: lang.t("一次最多导入 \(maxRows) 行，请分批导入。", "At most \(maxRows) rows at a time."))]) }
        let venues = try await scope.filter(Venue.query(on: db)).all()
        let byName = Dictionary(grouping: venues, by: \.name)
        // A venue may also be given by its id (the API, the typed-in form): names can repeat.
        let byID = Dictionary(uniqueKeysWithValues: venues.map { ($0.id!.uuidString.lowercased(), [$0]) })
        var rows: [Row] = []
        for (offset, cells) in body.enumerated() {
            let n = offset + 2
            let cell = { (i: Int) in i < cells.count ? cells[i].trimmingCharacters(in: .whitespaces) : "" }
            var venue: Venue?
            let matches = byID[cell(0).lowercased()] ?? byName[cell(0)] ?? []
            switch matches.count {
            case 0:
                let reason = cell(0).isEmpty ? lang.t("没有填写场馆。", "No venue.")
                    : UUID(uuidString: cell(0)) != nil ? lang.t("找不到编号为 \(cell(0)) 的场馆（或不在您的管辖范围内）。", "No venue with id \(cell(0)) in your scope.")
                    : lang.t("找不到名为“\(cell(0))”的场馆（或不在您的管辖范围内）。", "No venue called \"\(cell(0))\" in your scope.")
                problems.append(ImportProblem(row: n, column: headers[0], reason: reason))
            case 1: venue = matches[0]
            default: problems.append(ImportProblem(row: n, column: headers[0], reason: lang.t("有多个名为“\(cell(0))”的场馆，请联系管理员区分名称。", "Several venues are called \"\(cell(0))\".")))
            }
            var check = FormCheck(lang)
            let day = check.date("d", cell(1))
            if day == nil { problems.append(ImportProblem(row: n, column: headers[1], reason: check.errors["d"] ?? lang.t("日期格式应为 2026-10-15。", "Use a date like 2026-10-15."))) }
            else if day! > today { problems.append(ImportProblem(row: n, column: headers[1], reason: lang.t("调查日期不能晚于今天。", "The date cannot be in the future."))) }
            let score = Int(cell(2))
            if score == nil || !(1...5).contains(score!) { problems.append(ImportProblem(row: n, column: headers[2], reason: lang.t("评分应为 1 到 5 的整数（现为“\(cell(2))”）。", "The score must be a whole number 1–5 (it is \"\(cell(2))\")."))) }
            let count = Int(cell(3))
            if count == nil || !(1...100_000).contains(count!) { problems.append(ImportProblem(row: n, column: headers[3], reason: lang.t("份数应为 1 到 100000 的整数（现为“\(cell(3))”）。", "The count must be a whole number 1–100,000 (it is \"\(cell(3))\")."))) }
            if let venue, let day, day <= today, let score, (1...5).contains(score), let count, (1...100_000).contains(count) {
                rows.append(Row(venue: venue, day: day, score: score, count: count))
            }
        }
        return (problems.isEmpty ? rows : [], problems)
    }

    /// Saves checked rows in one transaction, as one batch.
    static func save(_ rows: [Row], source: String, by staff: Staff, time: DisplayTime, on db: any Database) async throws -> UUID {
        let batch = UUID()
        let models = rows.map { r -> ThirdPartyResult in
            let m = ThirdPartyResult()
            m.batchID = batch; m.$venue.id = r.venue.id!; m.regionPath = r.venue.regionPath
            // Noon of the survey day in display time: the day is what was surveyed, not an instant.
            m.surveyedAt = time.instant(day: r.day, minute: 720) ?? time.now
            m.score = r.score; m.count = r.count; m.source = source; m.$createdBy.id = staff.account.id; m.createdAt = time.now
            return m
        }
        try await db.writeTransaction { tx in
            for chunk in models.chunked(500) { try await chunk.create(on: tx) }
        }
        try await AuditLog.record(action: "import", entity: ThirdPartyResult.schema, entityID: batch.uuidString, summary: "\(rows.count) rows from \(source)", on: db)
        return batch
    }
}
