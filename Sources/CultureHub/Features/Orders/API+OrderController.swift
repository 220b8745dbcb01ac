import Fluent
import Foundation
import Vapor

struct OrderDTO: Content {
    let id: UUID
    let itemId: UUID
    let itemTitle: String
    let venueId: UUID
    let villageId: UUID
    let quantity: Int
    let period: String
    let windowStart: String
    let windowEnd: String
    let expectedAudience: Int
    let contact: String
    let notes: String
    let status: String
    let overdue: Bool
    let orderedAt: Date
    let decisionDue: Date
    let decidedAt: Date?
    let reason: String
    let proposedStartsAt: Date?
    let proposedEndsAt: Date?
    let proposalNote: String
    let activityId: UUID?
    let scheduledStartsAt: Date?
    let deliveredAt: Date?
    let deliveryNote: String
}

/// Village orders in `/api/v1` (R3.3): the same steps as the staff pages, within scope.
enum APIOrderController {
    @Sendable static func index(req: Request) async throws -> PageDTO<OrderDTO> {
        let staff = try req.staff()
        var query = staff.scope.filter(ServiceOrder.query(on: req.db))
        if let raw = req.query[String.self, at: "side"] {
            let sides: [String: OrderSide] = ["village": .village, "venue": .venue]
            guard let side = sides[raw] else { throw AppError.invalid(["side": req.lang.t("可选值：village、venue。", "One of village, venue.")]) }
            query = staff.scope.filter(ServiceOrder.query(on: req.db), side: side)
        }
        if let raw = req.query[String.self, at: "status"] {
            guard let status = OrderStatus(rawValue: raw) else {
                throw AppError.invalid(["status": req.lang.t("可选值：", "One of ") + OrderStatus.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            query.filter(\.$status == status)
        }
        let now = req.now
        return try await query.with(\.$serviceItem).sort(\.$decisionDue).sort(\.$id).paginate(req.apiPage()).dto { dto($0, now: now) }
    }

    @Sendable static func show(req: Request) async throws -> OrderDTO {
        let (_, order) = try await StaffOrderController.scoped(req)
        return try await reloaded(order, req)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let staff = try req.staff()
        struct Body: Decodable {
            var itemId: UUID?; var villageId: UUID?; var quantity: Int?; var windowStart: String?; var windowEnd: String?
            var expectedAudience: Int?; var contact: String?; var notes: String?
        }
        let b = try req.json(Body.self)
        let input = OrderInput(item: b.itemId?.uuidString, village: b.villageId?.uuidString, quantity: b.quantity.map(String.init),
                               windowStart: b.windowStart, windowEnd: b.windowEnd, audience: b.expectedAudience.map(String.init), contact: b.contact, notes: b.notes)
        let order = try await req.desk(fields: ["item": "itemId", "village": "villageId", "audience": "expectedAudience"]) { try await OrderDesk.place(input, by: staff, settings: req.settings, time: req.displayTime, lang: req.lang, on: req.db) }
        return try await created(reloaded(order, req), for: req)
    }

    @Sendable static func step(req: Request, _ step: OrderStep) async throws -> Response {
        let (staff, order) = try await StaffOrderController.forStep(req)
        let lang = req.lang, time = req.displayTime
        struct Body: Decodable {
            var date: String?; var starts: String?; var ends: String?; var location: String?; var registration: String?
            var note: String?; var reason: String?
        }
        let needsBody: Set<OrderStep> = [.accept, .propose, .decline, .refuse, .withdraw]
        let b = needsBody.contains(step) || req.body.data != nil ? try req.json(Body.self) : Body()
        let schedule = ScheduleInput(date: b.date, starts: b.starts, ends: b.ends, location: b.location, registration: b.registration, note: b.note)
        switch step {
        case .accept: try await OrderDesk.accept(order, schedule, by: staff, time: time, lang: lang, on: req.db)
        case .propose: try await OrderDesk.propose(order, schedule, by: staff, time: time, lang: lang, on: req.db)
        case .decline: try await OrderDesk.decline(order, reason: b.reason ?? "", by: staff, now: req.now, lang: lang, on: req.db)
        case .withdraw: try await OrderDesk.withdraw(order, reason: b.reason ?? "", by: staff, now: req.now, lang: lang, on: req.db)
        case .confirm: try await OrderDesk.confirmProposal(order, by: staff, settings: req.settings, now: req.now, lang: lang, on: req.db)
        case .refuse: try await OrderDesk.refuseProposal(order, reason: b.reason ?? "", by: staff, now: req.now, lang: lang, on: req.db)
        case .deliver: try await OrderDesk.confirmDelivery(order, note: b.note ?? "", by: staff, now: req.now, lang: lang, on: req.db)
        case .rate: throw AppError.notFound
        }
        return try await reloaded(order, req).encodeResponse(for: req)
    }

    /// The village's staff, or villagers (who live there or checked in); RatingDesk decides who may.
    @Sendable static func rate(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard let order = try await ServiceOrder.find(req.id(), on: req.db) else { throw AppError.notFound }
        if let scope = account.scope, !scope.canSee(order) { throw AppError.notFound }
        return try await APIFeedbackController.rate(req, .order(order.requireID()))
    }

    private static func reloaded(_ order: ServiceOrder, _ req: Request) async throws -> OrderDTO {
        guard let fresh = try await ServiceOrder.query(on: req.db).filter(\.$id == order.requireID()).with(\.$serviceItem).first() else { throw AppError.notFound }
        return dto(fresh, now: req.now)
    }

    static func dto(_ o: ServiceOrder, now: Date) -> OrderDTO {
        OrderDTO(id: o.id!, itemId: o.$serviceItem.id, itemTitle: o.$serviceItem.value?.title ?? "", venueId: o.$venue.id, villageId: o.$village.id,
                 quantity: o.quantity, period: o.periodKey, windowStart: o.windowStart, windowEnd: o.windowEnd, expectedAudience: o.expectedAudience,
                 contact: PersonalData.maskingPhones(in: o.contact), notes: o.notes, status: o.status.rawValue, overdue: o.isOverdue(at: now), orderedAt: o.orderedAt,
                 decisionDue: o.decisionDue, decidedAt: o.decidedAt, reason: o.reason, proposedStartsAt: o.proposedStartsAt,
                 proposedEndsAt: o.proposedEndsAt, proposalNote: o.proposalNote, activityId: o.$activity.id,
                 scheduledStartsAt: o.scheduledStartsAt, deliveredAt: o.deliveredAt, deliveryNote: o.deliveryNote)
    }
}
