import Fluent
import Foundation
import Vapor

struct CirculationDTO: Content {
    let id: UUID
    let fromVenueId: UUID
    let toVenueId: UUID
    let kind: String
    let description: String
    let quantity: Int
    let sentOn: String
    let dueBack: String
    let overdue: Bool
    let returnedOn: String?
    let returnedQuantity: Int?
    let returnNote: String
}

/// Resource circulation in `/api/v1` (R1.3).
enum APICirculationController {
    @Sendable static func index(req: Request) async throws -> PageDTO<CirculationDTO> {
        let staff = try req.staff()
        let today = req.displayTime.today
        let query = staff.scope.filter(Circulation.query(on: req.db))
        switch req.query[String.self, at: "state"] {
        case nil: break
        case "out": query.filter(\.$returnedOn == nil)
        case "overdue": query.filter(\.$returnedOn == nil).filter(\.$dueBack < today)
        case "returned": query.filter(\.$returnedOn != nil)
        default: throw AppError.invalid(["state": req.lang.t("可选值：out、overdue、returned。", "One of out, overdue, returned.")])
        }
        return try await query.sort(\.$dueBack).sort(\.$id).paginate(req.apiPage()).dto { dto($0, today: today) }
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        struct Body: Decodable { var fromVenueId: UUID?; var toVenueId: UUID?; var kind: String?; var description: String?; var quantity: Int?; var sentOn: String?; var dueBack: String? }
        let b = try req.json(Body.self)
        let form: [String: String] = ["from": b.fromVenueId?.uuidString ?? "", "to": b.toVenueId?.uuidString ?? "", "kind": b.kind ?? "", "description": b.description ?? "",
                                      "quantity": b.quantity.map(String.init) ?? "", "sentOn": b.sentOn ?? "", "dueBack": b.dueBack ?? ""]
        let c = try await req.desk(fields: ["from": "fromVenueId", "to": "toVenueId"]) { try await CirculationDesk.dispatch(form, by: staff, today: req.displayTime.today, now: req.now, lang: req.lang, on: req.db) }
        return try await created(dto(c, today: req.displayTime.today), for: req)
    }

    @Sendable static func returned(req: Request) async throws -> CirculationDTO {
        let staff = try req.staff()
        // The sender records the return (CirculationDesk); anyone else is refused with 403.
        let c = try await req.recordForDesk(Circulation.self)
        struct Body: Decodable { var returnedOn: String?; var returnedQuantity: Int?; var note: String? }
        let b = try req.json(Body.self)
        try await req.desk(fields: ["returnNote": "note"]) { try await CirculationDesk.recordReturn(c, ["returnedOn": b.returnedOn ?? "", "returnedQuantity": b.returnedQuantity.map(String.init) ?? "", "returnNote": b.note ?? ""],
                                               by: staff, today: req.displayTime.today, lang: req.lang, on: req.db) }
        return dto(c, today: req.displayTime.today)
    }

    static func dto(_ c: Circulation, today: String) -> CirculationDTO {
        CirculationDTO(id: c.id!, fromVenueId: c.$fromVenue.id, toVenueId: c.$toVenue.id, kind: c.kind.rawValue, description: c.details, quantity: c.quantity,
                       sentOn: c.sentOn, dueBack: c.dueBack, overdue: c.isOverdue(today: today), returnedOn: c.returnedOn, returnedQuantity: c.returnedQuantity,
                       returnNote: c.returnNote)
    }
}
