import Fluent
import Foundation
import Vapor

struct InspectionItemDTO: Content { let item: InspectionChecklist; let passed: Bool; let note: String }
struct RectificationTaskDTO: Content {
    let id: UUID; let inspectionId: UUID; let venueId: UUID; let finding: String; let deadline: String; let status: RectificationStatus; let overdue: Bool
    let response: String; let hasEvidencePhoto: Bool; let reopenReason: String; let respondedAt: Date?; let verifiedAt: Date?

    init(_ t: RectificationTask, today: String) {
        id = t.id!; inspectionId = t.$inspection.id; venueId = t.$venue.id; finding = t.finding; deadline = t.deadline; status = t.status
        overdue = t.status.needsUnit && t.deadline < today
        response = t.response; hasEvidencePhoto = t.evidencePhoto != nil; reopenReason = t.reopenReason; respondedAt = t.respondedAt; verifiedAt = t.verifiedAt
    }
}
struct InspectionDTO: Content {
    let id: UUID; let venueId: UUID; let inspectedOn: String; let inspector: String; let unannounced: Bool; let summary: String; let hasPhoto: Bool
    let items: [InspectionItemDTO]; let tasks: [RectificationTaskDTO]?

    init(_ i: Inspection, tasks: [RectificationTaskDTO]?) {
        id = i.id!; venueId = i.$venue.id; inspectedOn = i.inspectedOn; inspector = i.inspector; unannounced = i.unannounced; summary = i.summary
        hasPhoto = i.photoPath != nil; self.tasks = tasks
        items = i.itemsInOrder.map { InspectionItemDTO(item: $0.item, passed: $0.passed, note: $0.note) }
    }
}

/// An inspection as the API takes it: the checklist as a list of items rather than a field per item.
struct InspectionAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors; a
    /// checklist item's fields are named by its place in `items` (see `input(lang:)`).
    static let jsonFields = ["venue": "venueId"]

    struct Item: Decodable { var item: String?; var result: String?; var note: String? }
    var venueId: UUID?; var inspectedOn: String?; var inspector: String?; var unannounced: Bool?; var summary: String?
    var deadline: String?; var items: [Item]?

    /// The desk's input, and the JSON path of every field the desk may name.
    func input(lang: Lang) throws -> (InspectionInput, fields: [String: String]) {
        var input = InspectionInput(venue: venueId?.uuidString, inspectedOn: inspectedOn, inspector: inspector,
                                    unannounced: unannounced == true ? "1" : "", summary: summary, deadline: deadline)
        var errors: FieldErrors = [:], fields = Self.jsonFields
        for (n, item) in (items ?? []).enumerated() {
            guard let key = InspectionChecklist(rawValue: item.item ?? "")?.rawValue else {
                errors["items[\(n)].item"] = lang.t("没有这个检查项目。", "No such checklist item.")
                continue
            }
            if input.results[key] != nil { errors["items[\(n)].item"] = lang.t("每个检查项目只能填一次。", "List each item once.") }
            input.results[key] = item.result ?? ""
            input.notes[key] = item.note ?? ""
            fields[InspectionInput.resultPrefix + key] = "items[\(n)].result"
            fields[InspectionInput.notePrefix + key] = "items[\(n)].note"
        }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        return (input, fields)
    }
}

/// Inspections and rectification in `/api/v1` (R8.3). Photos are attached on the staff pages;
/// everything else is here, through the same desk.
enum APIInspectionController {
    @Sendable static func index(req: Request) async throws -> PageDTO<InspectionDTO> {
        let staff = try req.staff()
        let query = staff.scope.filter(Inspection.query(on: req.db)).with(\.$items)
        if let raw = req.query[String.self, at: "venue"], !raw.isEmpty {
            guard let venue = UUID(uuidString: raw) else { throw AppError.invalid(["venue": req.lang.t("场馆编号格式不对。", "Not a venue id.")]) }
            query.filter(\.$venue.$id == venue)
        }
        return try await query.sort(\.$inspectedOn, .descending).sort(\.$createdAt, .descending).sort(\.$id).paginate(req.apiPage()).dto { InspectionDTO($0, tasks: nil) }
    }

    @Sendable static func show(req: Request) async throws -> InspectionDTO {
        let staff = try req.staff()
        guard let inspection = try await staff.scope.filter(Inspection.query(on: req.db)).filter(\.$id == req.id()).with(\.$items).first() else { throw AppError.notFound }
        return try await detail(inspection, req)
    }

    static func detail(_ inspection: Inspection, _ req: Request) async throws -> InspectionDTO {
        let tasks = try await RectificationTask.query(on: req.db).filter(\.$inspection.$id == inspection.id!).sort(\.$createdAt).sort(\.$id).all()
        return InspectionDTO(inspection, tasks: tasks.map { RectificationTaskDTO($0, today: req.displayTime.today) })
    }

    /// `{"venueId","inspectedOn","inspector","unannounced","summary","deadline","items":[{"item","result":"pass|fail","note"}]}`
    @Sendable static func create(req: Request) async throws -> Response {
        let (input, fields) = try req.json(InspectionAPIInput.self).input(lang: req.lang)
        let inspection = try await req.desk(fields: fields) {
            try await InspectionDesk.record(input, by: req.staff(), today: req.displayTime.today, now: req.now,
                                            settings: req.settings, lang: req.lang, on: req.db)
        }
        try await inspection.$items.load(on: req.db)
        return try await created(try await detail(inspection, req), for: req)
    }

    @Sendable static func tasks(req: Request) async throws -> PageDTO<RectificationTaskDTO> {
        let staff = try req.staff()
        var errors: FieldErrors = [:]
        let status = req.apiEnum(RectificationStatus.self, "status", into: &errors)
        guard errors.isEmpty else { throw AppError.invalid(errors) }
        let today = req.displayTime.today
        let query = staff.scope.filter(RectificationTask.query(on: req.db))
        if let status { query.filter(\.$status == status) }
        if req.query[Bool.self, at: "overdue"] == true { query.filter(\.$status ~~ [.open, .reopened]).filter(\.$deadline < today) }
        return try await query.sort(\.$deadline).sort(\.$id).paginate(req.apiPage()).dto { RectificationTaskDTO($0, today: today) }
    }

    /// respond `{"response"}` (the unit), verify (the bureau), reopen `{"reason"}` (the bureau).
    static func act(req: Request, _ action: String) async throws -> RectificationTaskDTO {
        let staff = try req.staff()
        guard let task = try await RectificationTask.find(try req.id(), on: req.db) else { throw AppError.notFound }
        try staff.scope.authorize(task)
        struct Body: Decodable { var response: String?; var reason: String? }
        switch action {
        case "respond":
            try await InspectionDesk.respond(task, response: try req.json(Body.self).response, photo: nil, by: staff, now: req.now, settings: req.settings, lang: req.lang, on: req.db)
        case "verify":
            try await InspectionDesk.verify(task, accept: true, reason: nil, by: staff, now: req.now, lang: req.lang, on: req.db)
        case "reopen":
            try await InspectionDesk.verify(task, accept: false, reason: try req.json(Body.self).reason, by: staff, now: req.now, lang: req.lang, on: req.db)
        default: throw AppError.notFound
        }
        guard let after = try await RectificationTask.find(task.id, on: req.db) else { throw AppError.notFound }
        return RectificationTaskDTO(after, today: req.displayTime.today)
    }
}
