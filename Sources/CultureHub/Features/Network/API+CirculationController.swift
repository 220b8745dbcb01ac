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

struct CirculationAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["from": "fromVenueId", "to": "toVenueId"]

    var fromVenueId: UUID?; var toVenueId: UUID?; var kind: String?; var description: String?; var quantity: Int?
    var sentOn: String?; var dueBack: String?

    var input: CirculationInput {
        CirculationInput(from: fromVenueId?.uuidString, to: toVenueId?.uuidString, kind: kind, description: description,
                         quantity: quantity.map(String.init), sentOn: sentOn, dueBack: dueBack)
    }
}

struct ReturnAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["returnNote": "note"]

    var returnedOn: String?; var returnedQuantity: Int?; var note: String?

    var input: ReturnInput {
        ReturnInput(returnedOn: returnedOn, returnedQuantity: returnedQuantity.map(String.init), returnNote: note)
    }
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
        let input = try req.json(CirculationAPIInput.self).input
        let c = try await req.desk(fields: CirculationAPIInput.jsonFields) {
            try await CirculationDesk.dispatch(input, by: staff, today: req.displayTime.today, now: req.now,
                                               lang: req.lang, on: req.db)
        }
        return try await created(dto(c, today: req.displayTime.today), for: req)
    }

    @Sendable static func returned(req: Request) async throws -> CirculationDTO {
        let staff = try req.staff()
        // The sender records the return (CirculationDesk); anyone else is refused with 403.
        let c = try await req.recordForDesk(Circulation.self)
        let input = try req.json(ReturnAPIInput.self).input
        try await req.desk(fields: ReturnAPIInput.jsonFields) {
            try await CirculationDesk.recordReturn(c, input, by: staff, today: req.displayTime.today, lang: req.lang,
                                                   on: req.db)
        }
        return dto(c, today: req.displayTime.today)
    }

    static func dto(_ c: Circulation, today: String) -> CirculationDTO {
        CirculationDTO(id: c.id!, fromVenueId: c.$fromVenue.id, toVenueId: c.$toVenue.id, kind: c.kind.rawValue, description: c.details, quantity: c.quantity,
                       sentOn: c.sentOn, dueBack: c.dueBack, overdue: c.isOverdue(today: today), returnedOn: c.returnedOn, returnedQuantity: c.returnedQuantity,
                       returnNote: c.returnNote)
    }
}
