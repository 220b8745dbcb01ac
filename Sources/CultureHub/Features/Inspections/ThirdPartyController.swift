import Fluent
import SQLKit
import Foundation
import Vapor
import XLSXWriter

/// `/staff/evaluation/third-party`: import a third-party survey's results (CSV or Excel) with a
/// validation report, or type one result in (R8.3).
enum ThirdPartyController {
    struct Upload: Content { var file: File? }

    static func staff(_ req: Request) throws -> Staff {
        let staff = try req.staff()
        try staff.require(.designSurveys)
        return staff
    }

    @Sendable static func page(req: Request) async throws -> Response {
        try await render(req, problems: [], form: [:], errors: [:])
    }

    @Sendable static func importFile(req: Request) async throws -> Response {
        let staff = try staff(req)
        guard let file = try? req.content.decode(Upload.self).file, file.data.readableBytes > 0 else {
            return try await render(req, problems: [ImportProblem(row: 0, column: "—", reason: req.lang.t("请选择要导入的 CSV 或 Excel 文件。", "Choose a CSV or Excel file."))], form: [:], errors: [:], status: .unprocessableEntity)
        }
        var buffer = file.data
        let data = Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
        let table: [[String]]
        do { table = try ThirdPartyImport.table(data) } catch {
            let reason = error as? XLSXReader.ReadError == .tooLarge
                ? req.lang.t("文件超出导入上限（解压后超过 32 MB，或多于 10 万行、1024 列）：请拆分后分批导入。",
                             "The file is past the import limits (over 32 MB unpacked, 100,000 rows or 1,024 columns): split it and import the parts.")
                : req.lang.t("无法读取文件：请上传 UTF-8 编码的 CSV 或 Excel（.xlsx）文件。", "Cannot read the file: upload a UTF-8 CSV or an .xlsx file.")
            let problem = ImportProblem(row: 0, column: "—", reason: reason)
            return try await render(req, problems: [problem], form: [:], errors: [:], status: .unprocessableEntity)
        }
        let (rows, problems) = try await ThirdPartyImport.check(table, scope: staff.scope, today: req.displayTime.today, lang: req.lang, on: req.db)
        guard problems.isEmpty else { return try await render(req, problems: problems, form: [:], errors: [:], status: .unprocessableEntity) }
        _ = try await ThirdPartyImport.save(rows, source: String(file.filename.prefix(100)), by: staff, time: req.displayTime, on: req.db)
        Flash.set(req, "已导入 \(rows.count) 行，共 \(rows.reduce(0) { $0 + $1.count }) 份评分，已计入满意率（第三方测评）。",
                  "Imported \(rows.count) rows, \(rows.reduce(0) { $0 + $1.count }) scores, counted in satisfaction (third party).")
        return req.redirect(to: SiteURL.evaluation(.thirdParty).path)
    }

    @Sendable static func entry(req: Request) async throws -> Response {
        let staff = try staff(req)
        let form = try req.content.decode([String: String].self)
        let table = [ThirdPartyImport.headers, [form["venue"] ?? "", form["date"] ?? "", form["score"] ?? "", form["count"] ?? ""]]
        let (rows, problems) = try await ThirdPartyImport.check(table, scope: staff.scope, today: req.displayTime.today, lang: req.lang, on: req.db)
        guard problems.isEmpty else {
            let field = ["场馆": "venue", "调查日期": "date", "评分": "score", "份数": "count"]
            let errors = Dictionary(problems.map { (field[$0.column] ?? "venue", $0.reason) }, uniquingKeysWith: { a, _ in a })
            return try await render(req, problems: [], form: form, errors: errors, status: .unprocessableEntity)
        }
        _ = try await ThirdPartyImport.save(rows, source: "手工录入", by: staff, time: req.displayTime, on: req.db)
        Flash.set(req, "已录入 \(rows[0].venue.name) \(rows[0].day) 的 \(rows[0].count) 份 \(rows[0].score) 分评分。", "Recorded \(rows[0].count) scores of \(rows[0].score).")
        return req.redirect(to: SiteURL.evaluation(.thirdParty).path)
    }

    struct Batch: Decodable { let batch_id: UUID; let source: String; let n_rows: Int; let scores: Int?; let created_at: Date }

    static func render(_ req: Request, problems: [ImportProblem], form: [String: String], errors: FieldErrors, status: HTTPResponseStatus = .ok) async throws -> Response {
        let staff = try staff(req)
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t("第三方测评结果", "Third-party survey results")
        let sql = req.db as! any SQLDatabase
        let batches = try await sql.raw("""
            SELECT batch_id, MIN(source) AS source, COUNT(*) AS n_rows, CAST(SUM(count) AS BIGINT) AS scores, MIN(created_at) AS created_at
            FROM third_party_results GROUP BY batch_id ORDER BY MIN(created_at) DESC LIMIT 50
            """).all(decoding: Batch.self)
        let venues = try await staff.scope.filter(Venue.query(on: req.db)).filter(\.$tier != .village).sort(\.$regionPath).sort(\.$name).all()
        let report: HNode = problems.isEmpty ? H.empty : H.section(labelledBy: "report", title: ctx.t("导入检查报告：未导入任何数据", "Import report: nothing was imported"), [
            Forms.problem(ctx.t("文件中有 \(problems.count) 处问题，整个文件都没有导入。请改正后重新上传。", "\(problems.count) problems; nothing was imported. Fix them and upload again.")),
            Tables.table(caption: ctx.t("问题清单", "Problems"), headers: [ctx.t("行", "Row"), ctx.t("列", "Column"), ctx.t("原因", "Reason")],
                         rows: problems.prefix(500).map { [H.text($0.row == 0 ? "—" : String($0.row)), H.text($0.column), H.text($0.reason)] }),
        ])
        let html = Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, [(ctx.t("绩效考核", "Performance evaluation"), SiteURL.evaluation(.home).path), (title, nil)]), [
            H.h1(title),
            H.p(ctx.t("第三方机构的满意度调查结果计入满意率的“第三方测评”渠道。文件第一行为表头：场馆,调查日期,评分,份数；每行是一个场馆某天某个分值（1–5）的份数。有任何一行不对，整个文件都不会导入。",
                      "Third-party results count in satisfaction under the third-party channel. First row: venue,date,score,count; each row is how many respondents gave a venue a score (1–5) on a day. If any row is wrong, nothing is imported."), cls: "lead"),
            report,
            H.section(labelledBy: "import", title: ctx.t("导入文件（CSV 或 Excel）", "Import a file (CSV or Excel)"), [
                H.el("form", [("method", "post"), ("action", SiteURL.evaluation(.thirdPartyImport).path), ("enctype", "multipart/form-data"), ("class", "stack")], [
                    Forms.csrfField(ctx),
                    H.el("label", [("for", "f-file")], H.text(ctx.t("文件（.csv 或 .xlsx，最多 \(ThirdPartyImport.maxRows) 行）", "File (.csv or .xlsx, at most \(ThirdPartyImport.maxRows) rows)"))),
                    H.void("input", [("type", "file"), ("id", "f-file"), ("name", "file"), ("accept", ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]),
                    H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("检查并导入", "Check and import"))),
                ]),
            ]),
            H.section(labelledBy: "entry", title: ctx.t("手工录入一行", "Type in one result"), [
                Forms.form(ctx, action: SiteURL.evaluation(.thirdPartyEntry).path, fields: [
                    FormField(name: "venue", label: ctx.t("场馆", "Venue"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + venues.map { .init(value: $0.id!.uuidString, label: $0.name) }),
                              value: form["venue"] ?? "", error: errors["venue"], required: true),
                    FormField(name: "date", label: ctx.t("调查日期", "Date"), kind: .date, value: form["date"] ?? "", error: errors["date"], required: true),
                    FormField(name: "score", label: ctx.t("评分（1–5）", "Score (1–5)"), kind: .number, value: form["score"] ?? "", error: errors["score"], required: true, maxLength: 1),
                    FormField(name: "count", label: ctx.t("份数", "Respondents"), kind: .number, value: form["count"] ?? "", error: errors["count"], required: true, maxLength: 6),
                ], submit: ctx.t("录入", "Record")),
            ]),
            H.section(labelledBy: "batches", title: ctx.t("已导入", "Imported"), [
                batches.isEmpty ? Tables.empty(ctx.t("还没有第三方测评结果。", "No third-party results yet."))
                    : Tables.table(caption: ctx.t("已导入", "Imported"), headers: [ctx.t("时间", "When"), ctx.t("来源", "Source"), ctx.t("行数", "Rows"), ctx.t("评分份数", "Scores")],
                                   rows: batches.map { [H.text(req.displayTime.dateTime($0.created_at)), H.text($0.source), H.text(String($0.n_rows)), H.text(String($0.scores ?? 0))] }),
            ]),
        ])
        return Layout.response(html, status: status)
    }
}
