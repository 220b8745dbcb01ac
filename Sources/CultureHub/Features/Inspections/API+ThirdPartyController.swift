import Fluent
import Foundation
import Vapor

struct ThirdPartyResultDTO: Content {
    let id: UUID; let batchId: UUID; let venueId: UUID; let surveyedOn: String; let score: Int; let count: Int; let source: String; let createdAt: Date
}
struct ThirdPartyBatchDTO: Content { let batchId: UUID; let rows: Int; let scores: Int }

/// Third-party survey results in `/api/v1` (R8.3): the same row checks as a file import, and
/// nothing saved if any row is wrong.
enum APIThirdPartyController {
    @Sendable static func index(req: Request) async throws -> PageDTO<ThirdPartyResultDTO> {
        let staff = try ThirdPartyController.staff(req)
        let query = staff.scope.filter(ThirdPartyResult.query(on: req.db))
        if let raw = req.query[String.self, at: "venue"], !raw.isEmpty {
            guard let venue = UUID(uuidString: raw) else { throw AppError.invalid(["venue": req.lang.t("场馆编号格式不对。", "Not a venue id.")]) }
            query.filter(\.$venue.$id == venue)
        }
        let zone = req.displayTime.timeZone
        return try await query.sort(\.$surveyedAt, .descending).sort(\.$id).paginate(req.apiPage()).dto { r in
            ThirdPartyResultDTO(id: r.id!, batchId: r.batchID, venueId: r.$venue.id, surveyedOn: DisplayTime.day(r.surveyedAt, in: zone), score: r.score, count: r.count,
                                source: r.source, createdAt: r.createdAt)
        }
    }

    /// `{"source":"…","rows":[{"venueId","date","score","count"}]}`: one batch, or 422 naming each bad row.
    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try ThirdPartyController.staff(req)
        struct Body: Decodable {
            struct Row: Decodable { var venueId: UUID?; var date: String?; var score: Int?; var count: Int? }
            var source: String?; var rows: [Row]?
        }
        let body = try req.json(Body.self)
        var check = FormCheck(req.lang)
        let source = check.text("source", body.source, required: false, max: 100)
        let rows = body.rows ?? []
        if rows.isEmpty { check.fail("rows", "请至少提交一行结果。", "Send at least one row.") }
        if rows.count > ThirdPartyImport.maxRows { check.fail("rows", "一次最多导入 \(ThirdPartyImport.maxRows) 行，请分批导入。", "At most \(ThirdPartyImport.maxRows) rows at a time.") }
        try check.throwIfInvalid()
        let table = [ThirdPartyImport.headers] + rows.map { [$0.venueId?.uuidString ?? "", $0.date ?? "", $0.score.map(String.init) ?? "", $0.count.map(String.init) ?? ""] }
        let (checked, problems) = try await ThirdPartyImport.check(table, scope: staff.scope, today: req.displayTime.today, lang: req.lang, on: req.db)
        guard problems.isEmpty else {
            let field = Dictionary(uniqueKeysWithValues: zip(ThirdPartyImport.headers, ["venueId", "date", "score", "count"]))
            throw AppError.invalid(Dictionary(problems.map { ("rows[\($0.row - 2)].\(field[$0.column] ?? "venueId")", $0.reason) }, uniquingKeysWith: { a, _ in a }))
        }
        let batch = try await ThirdPartyImport.save(checked, source: source.isEmpty ? "API" : source, by: staff, time: req.displayTime, on: req.db)
        return try await created(ThirdPartyBatchDTO(batchId: batch, rows: checked.count, scores: checked.reduce(0) { $0 + $1.count }), for: req)
    }
}
