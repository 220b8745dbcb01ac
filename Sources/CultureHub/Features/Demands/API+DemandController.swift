import Fluent
import Foundation
import Vapor

struct DemandDTO: Content {
    let id: UUID
    let kind: String
    let description: String
    let villageId: UUID
    let status: String
    let supports: Int
    let answer: String
    let serviceItemId: UUID?
    let activityId: UUID?
    let createdAt: Date
}

/// Residents' demands in `/api/v1` (R3.4).
enum APIDemandController {
    @Sendable static func index(req: Request) async throws -> PageDTO<DemandDTO> {
        let query = Demand.query(on: req.db)
        if let raw = req.query[String.self, at: "status"] {
            guard let status = DemandStatus(rawValue: raw) else { throw AppError.invalid(["status": req.lang.t("可选值：open、adopted、declined。", "One of open, adopted, declined.")]) }
            query.filter(\.$status == status)
        }
        if let raw = req.query[String.self, at: "township"] {
            guard let township = try await req.townships().find(UUID(uuidString: raw)) else { throw AppError.notFound }
            query.within(\.$regionPath, township.path)
        }
        return try await query.sort(\.$supports, .descending).sort(\.$createdAt, .descending).paginate(req.apiPage()).dto(dto)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        struct Body: Decodable { var villageId: UUID?; var kind: String?; var description: String? }
        let body = try req.json(Body.self)
        var check = FormCheck(req.lang)
        let kind: ServiceKind? = check.choice("kind", body.kind)
        let details = check.text("description", body.description, max: DemandDesk.maxText)
        var village: Region?
        if let id = body.villageId { village = try await Region.find(id, on: req.db) }
        if village?.level != .village { check.fail("villageId", "请指明村（社区）的编号。", "Give the id of a village."); village = nil }
        try check.throwIfInvalid()
        try await req.countFeedback(by: account)
        let demand = try await DemandDesk.post(kind: kind!, details: details, village: village!, account: account, now: req.now, on: req.db)
        return try await created(dto(demand), for: req)
    }

    @Sendable static func support(req: Request) async throws -> DemandDTO {
        let account = try req.auth.require(Account.self)
        guard let demand = try await Demand.find(req.id(), on: req.db) else { throw AppError.notFound }
        try await req.countFeedback(by: account)
        try await DemandDesk.support(demand, account: account, now: req.now, on: req.db)
        return dto(try await Demand.find(demand.id, on: req.db) ?? demand)
    }

    static func dto(_ d: Demand) -> DemandDTO {
        DemandDTO(id: d.id!, kind: d.kind.rawValue, description: d.details, villageId: d.$village.id, status: d.status.rawValue, supports: d.supports,
                  answer: d.answer, serviceItemId: d.$serviceItem.id, activityId: d.$activity.id, createdAt: d.createdAt)
    }
}
