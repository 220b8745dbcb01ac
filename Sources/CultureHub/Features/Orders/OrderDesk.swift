import Fluent
import Foundation
import Scheduling
import SQLKit
import Vapor

/// What a village asks for when it orders (点单).
struct OrderInput: Content, Equatable {
    var item: String?
    var village: String?
    var quantity: String?
    var windowStart: String?
    var windowEnd: String?
    var audience: String?
    var contact: String?
    var notes: String?
}

/// When and where the venue will come: used to accept and to propose another date.
struct ScheduleInput: Content, Equatable {
    var date: String?
    var starts: String?
    var ends: String?
    var location: String?
    var registration: String?
    var note: String?
}

/// Every step of an order (R3.3). Each checks the order's state inside its transaction, so two
/// clicks or two staff cannot both act on one order; every refusal says why and saves nothing.
enum OrderDesk {
    static let maxText = 300
    /// How far ahead a village may order, and how wide its window may be.
    static let maxLeadDays = 366
    static let maxWindowDays = 92

    // MARK: - Village side

    static func place(_ input: OrderInput, by staff: Staff, settings: Settings, time: DisplayTime, lang: Lang,
                      on db: any Database) async throws -> ServiceOrder {
        try staff.require(.decideOrders)
        var check = FormCheck(lang)
        let itemID = check.uuid("item", input.item)
        let villageID = check.uuid("village", input.village)
        let quantity = check.int("quantity", input.quantity, min: 1, max: 100)
        let start = check.date("windowStart", input.windowStart)
        let end = check.date("windowEnd", input.windowEnd)
        let audience = check.int("audience", input.audience, min: 1, max: 100_000)
        let contact = check.text("contact", input.contact, max: 60)
        let notes = check.text("notes", input.notes, required: false, max: maxText)
        if let start, start < time.today {
            check.fail("windowStart", "时间窗口不能早于今天（\(time.today)）。", "The window cannot start before today (\(time.today)).")
        }
        if let start, start > time.day(after: maxLeadDays) {
            check.fail("windowStart", "最多提前一年点单。", "Orders can be placed at most a year ahead.")
        }
        if let start, let end {
            if end < start {
                check.fail("windowEnd", "结束日期不能早于开始日期。", "The window must end on or after its start.")
            } else if let days = LocalDay.span(from: start, to: end), days > maxWindowDays {
                check.fail("windowEnd", "时间窗口最长 \(maxWindowDays) 天，方便场馆排期。", "The window can be at most \(maxWindowDays) days long.")
            }
        }
        try check.throwIfInvalid()

        guard let item = try await ServiceItem.query(on: db).filter(\.$id == itemID!).with(\.$venue).first() else {
            throw AppError.invalid(["item": lang.t("没有这个服务项目。", "No such menu item.")])
        }
        guard item.orderable, item.active else {
            throw AppError.invalid(["item": lang.t("「\(item.title)」不接受村（社区）点单。", "“\(item.title)” cannot be ordered by villages.")])
        }
        guard let village = try await Region.find(villageID!, on: db), village.level == .village else {
            throw AppError.invalid(["village": lang.t("请选择一个村（社区）。", "Choose a village.")])
        }
        guard staff.scope.covers(regionPath: village.path) else {
            throw AppError.invalid(["village": lang.t("您只能为管辖范围内的村（社区）点单。", "You can order only for villages in your scope.")])
        }
        guard let period = periodKey(item: item, day: start!) else {
            throw AppError.invalid(["windowStart": lang.t("不是有效的日期。", "Not a valid date.")])
        }
        let order = ServiceOrder()
        order.$serviceItem.id = try item.requireID()
        order.$venue.id = item.$venue.id
        order.venueRegionPath = item.regionPath
        order.$village.id = try village.requireID()
        order.regionPath = village.path
        order.quantity = quantity!
        order.periodKey = period
        order.windowStart = start!
        order.windowEnd = end!
        order.expectedAudience = audience!
        order.contact = contact
        order.notes = notes
        order.status = .pending
        order.decisionDue = settings.workingCalendar.deadline(after: time.now, workingDays: settings.orderWorkingDays)
        order.orderedBy = staff.account.id
        order.orderedAt = time.now
        order.reason = ""
        order.proposalNote = ""
        order.deliveryNote = ""
        try await db.writeTransaction { tx in
            try await take(quantity!, of: item, period: period, lang: lang, on: tx)
            try await order.create(on: tx)
        }
        return order
    }

    /// The village takes back an order the venue has not accepted; its quantity is given back.
    static func withdraw(_ order: ServiceOrder, reason: String, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.decideOrders, as: .village, on: order)
        let reason = try requiredReason(reason, lang: lang, zh: "请写明撤回的原因，场馆会看到。", en: "Say why you withdraw; the venue sees it.")
        try await step(order, from: [.pending, .proposed], on: db, lang: lang) { fresh, tx in
            fresh.status = .withdrawn
            fresh.reason = reason
            try await give(back: fresh, on: tx)
        }
    }

    /// The village agrees to the venue's proposed date: the order is accepted and the activity created.
    static func confirmProposal(_ order: ServiceOrder, by staff: Staff, settings: Settings, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.decideOrders, as: .village, on: order)
        try await step(order, from: [.proposed], on: db, lang: lang) { fresh, tx in
            guard let starts = fresh.proposedStartsAt, let ends = fresh.proposedEndsAt, starts > now else {
                throw AppError.conflict(zh: "提议的时间已经过去，请联系场馆重新商定。", en: "The proposed time has passed; agree a new one with the venue.")
            }
            // Held at the village centre, open to all: the usual shape of a mobile service.
            try await schedule(fresh, starts: starts, ends: ends, location: "", registration: .open, by: staff, now: now, lang: lang, on: tx)
        }
    }

    /// The village does not want the proposed date: the order ends and its quantity goes back.
    static func refuseProposal(_ order: ServiceOrder, reason: String, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.decideOrders, as: .village, on: order)
        let reason = try requiredReason(reason, lang: lang, zh: "请写明不接受改期的原因，场馆会看到。", en: "Say why the new date does not suit you.")
        try await step(order, from: [.proposed], on: db, lang: lang) { fresh, tx in
            fresh.status = .withdrawn
            fresh.reason = reason
            try await give(back: fresh, on: tx)
        }
    }

    /// After the activity, the village confirms the service was delivered; then it can rate it.
    static func confirmDelivery(_ order: ServiceOrder, note: String, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.decideOrders, as: .village, on: order)
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        guard note.count <= maxText else {
            throw AppError.invalid(["note": lang.t("不能超过 \(maxText) 个字。", "At most \(maxText) characters.")])
        }
        try await step(order, from: [.accepted], on: db, lang: lang) { fresh, tx in
            guard let activityID = fresh.$activity.id, let activity = try await Activity.find(activityID, on: tx) else {
                throw AppError.conflict(zh: "这份点单还没有安排活动。", en: "No activity has been scheduled for this order.")
            }
            guard activity.hasEnded(at: now) else {
                throw AppError.conflict(zh: "活动结束后才能确认送达。", en: "Confirm delivery once the activity has ended.")
            }
            fresh.status = .delivered
            fresh.deliveredAt = now
            fresh.deliveredBy = staff.account.id
            fresh.deliveryNote = note
        }
    }

    // MARK: - Venue side

    static func accept(_ order: ServiceOrder, _ input: ScheduleInput, by staff: Staff, time: DisplayTime, lang: Lang, on db: any Database) async throws {
        try staff.require(.decideOrders, as: .venue, on: order)
        let slot = try readSchedule(input, time: time, lang: lang)
        guard slot.day >= order.windowStart, slot.day <= order.windowEnd else {
            throw AppError.invalid(["date": lang.t("安排的日期要在村里希望的时间（\(order.windowStart) 至 \(order.windowEnd)）之内；想换到别的日子，请用“提议改期”。",
                                                   "The date must be within the village's window (\(order.windowStart) to \(order.windowEnd)); to suggest another day, propose a new date.")])
        }
        try await step(order, from: [.pending], on: db, lang: lang) { fresh, tx in
            fresh.decidedAt = time.now
            fresh.decidedBy = staff.account.id
            try await schedule(fresh, starts: slot.starts, ends: slot.ends, location: slot.location, registration: slot.registration,
                               by: staff, now: time.now, lang: lang, on: tx)
        }
    }

    static func propose(_ order: ServiceOrder, _ input: ScheduleInput, by staff: Staff, time: DisplayTime, lang: Lang, on db: any Database) async throws {
        try staff.require(.decideOrders, as: .venue, on: order)
        let slot = try readSchedule(input, time: time, lang: lang)
        let note = try requiredReason(input.note ?? "", lang: lang, zh: "请说明为什么改期，村里会看到。", en: "Say why you propose another date; the village sees it.")
        try await step(order, from: [.pending], on: db, lang: lang) { fresh, _ in
            fresh.status = .proposed
            fresh.decidedAt = time.now
            fresh.decidedBy = staff.account.id
            fresh.proposedStartsAt = slot.starts
            fresh.proposedEndsAt = slot.ends
            fresh.proposalNote = note
        }
    }

    static func decline(_ order: ServiceOrder, reason: String, by staff: Staff, now: Date, lang: Lang, on db: any Database) async throws {
        try staff.require(.decideOrders, as: .venue, on: order)
        let reason = try requiredReason(reason, lang: lang, zh: "请写明婉拒的原因，村里会看到。", en: "Give the reason for declining; the village sees it.")
        try await step(order, from: [.pending], on: db, lang: lang) { fresh, tx in
            fresh.status = .declined
            fresh.decidedAt = now
            fresh.decidedBy = staff.account.id
            fresh.reason = reason
            try await give(back: fresh, on: tx)
        }
    }

    /// A cancelled activity ends its order and gives the quantity back (called in the cancelling transaction).
    static func activityCancelled(_ activityID: UUID, on tx: any Database) async throws {
        for order in try await ServiceOrder.query(on: tx).filter(\.$activity.$id == activityID).filter(\.$status == .accepted).all() {
            order.status = .cancelled
            try await give(back: order, on: tx)
            try await order.update(on: tx)
        }
    }

    // MARK: - Quantity

    static func periodKey(item: ServiceItem, day: String) -> String? { periodKey(item.period, day: day) }

    static func periodKey(_ period: QuantityPeriod, day: String) -> String? {
        (PeriodUnit(rawValue: period.rawValue) ?? .year).key(forDay: day)
    }

    /// How many units of the item are still free in a period.
    static func remaining(_ item: ServiceItem, period: String, on db: any Database) async throws -> Int {
        let used = try await ServiceItemUsage.query(on: db).filter(\.$serviceItem.$id == item.requireID()).filter(\.$periodKey == period).first()?.used ?? 0
        return max(0, item.quantity - used)
    }

    /// Takes units only if they fit: one conditional UPDATE, so concurrent orders cannot overdraw.
    private static func take(_ n: Int, of item: ServiceItem, period: String, lang: Lang, on tx: any Database) async throws {
        let sql = tx as! any SQLDatabase
        let itemID = try item.requireID()
        try await sql.raw("""
            INSERT INTO service_item_usage (id, service_item_id, period_key, used) VALUES (\(bind: UUID()), \(bind: itemID), \(bind: period), 0)
            ON CONFLICT (service_item_id, period_key) DO NOTHING
            """).run()
        let rows = try await sql.raw("""
            UPDATE service_item_usage SET used = used + \(bind: n)
            WHERE service_item_id = \(bind: itemID) AND period_key = \(bind: period) AND used + \(bind: n) <= \(bind: item.quantity) RETURNING id
            """).all()
        guard rows.isEmpty else { return }
        let left = try await remaining(item, period: period, on: tx)
        let periodName = PeriodName.text(period, lang)
        throw AppError.invalid(["quantity": left == 0
            ? lang.t("「\(item.title)」\(periodName)的 \(item.quantity) \(item.unit)已经全部被点完了，可以换一个时间段或别的项目。",
                     "“\(item.title)” is fully ordered for \(periodName) (\(item.quantity) \(item.unit)); try another period or item.")
            : lang.t("「\(item.title)」\(periodName)只剩 \(left) \(item.unit)可点，您点了 \(n) \(item.unit)。",
                     "Only \(left) of “\(item.title)” remain for \(periodName); you ordered \(n)."),
        ])
    }

    private static func give(back order: ServiceOrder, on tx: any Database) async throws {
        try await (tx as! any SQLDatabase).raw("""
            UPDATE service_item_usage SET used = used - \(bind: order.quantity)
            WHERE service_item_id = \(bind: order.$serviceItem.id) AND period_key = \(bind: order.periodKey) AND used >= \(bind: order.quantity)
            """).run()
    }

    // MARK: - Steps

    /// Locks the order, re-reads it and runs `body` only if it is still in one of `from`.
    private static func step(_ order: ServiceOrder, from: Set<OrderStatus>, on db: any Database, lang: Lang,
                             _ body: @escaping @Sendable (ServiceOrder, any Database) async throws -> Void) async throws {
        let id = try order.requireID()
        let updated = try await db.writeTransaction { tx -> ServiceOrder in
            try await (tx as! any SQLDatabase).raw("UPDATE service_orders SET status = status WHERE id = \(bind: id)").run()
            guard let fresh = try await ServiceOrder.find(id, on: tx) else { throw AppError.notFound }
            guard from.contains(fresh.status) else {
                throw AppError.conflict(zh: "这份点单现在是“\(fresh.status.zh)”，不能再这样处理。请刷新页面查看最新状态。",
                                        en: "This order is now “\(fresh.status.en)” and cannot be handled this way. Reload to see its state.")
            }
            try await body(fresh, tx)
            try await fresh.update(on: tx)
            return fresh
        }
        order.status = updated.status
        order.$activity.id = updated.$activity.id
        order.scheduledEndsAt = updated.scheduledEndsAt
    }

    private static func schedule(_ order: ServiceOrder, starts: Date, ends: Date, location: String, registration: RegistrationMode,
                                 by staff: Staff, now: Date, lang: Lang, on tx: any Database) async throws {
        guard let item = try await ServiceItem.find(order.$serviceItem.id, on: tx),
              let village = try await Region.find(order.$village.id, on: tx) else { throw AppError.notFound }
        var place = location
        if place.isEmpty {
            let centre = try await Venue.query(on: tx).filter(\.$region.$id == village.requireID()).filter(\.$type == .villageCentre).first()
            place = centre.map { "\($0.name)（\($0.address)）" } ?? village.name + lang.t("综合文化服务中心", " culture centre")
        }
        let activity = Activity()
        activity.$venue.id = order.$venue.id
        activity.regionPath = order.venueRegionPath
        activity.$serviceItem.id = item.id
        activity.$village.id = village.id
        activity.heldInPath = village.path
        activity.location = place
        activity.kind = item.kind
        activity.title = item.title
        activity.details = item.content + (order.quantity > 1 ? lang.t("（本次共 \(order.quantity) \(item.unit)）", " (\(order.quantity) \(item.unit) this visit)") : "")
        activity.targetGroupCodes = item.targetGroupCodes
        activity.startsAt = starts
        activity.endsAt = ends
        activity.registration = registration
        activity.capacity = order.expectedAudience
        activity.confirmedPlaces = 0
        activity.waitingPlaces = 0
        activity.perAccountLimit = 1
        activity.status = .published
        activity.createdBy = staff.account.id
        try await activity.create(on: tx)
        order.status = .accepted
        order.acceptedAt = now
        order.scheduledStartsAt = starts
        order.scheduledEndsAt = ends
        order.$activity.id = try activity.requireID()
    }

    private struct Slot { let day: String; let starts: Date; let ends: Date; let location: String; let registration: RegistrationMode }

    private static func readSchedule(_ input: ScheduleInput, time: DisplayTime, lang: Lang) throws -> Slot {
        var check = FormCheck(lang)
        let span = check.daySpan(date: input.date, starts: input.starts, ends: input.ends)
        let location = check.text("location", input.location, required: false, max: 100)
        let mode: RegistrationMode? = (input.registration ?? "").isEmpty ? .open : check.choice("registration", input.registration)
        try check.throwIfInvalid()
        let day = span!.day
        guard let starts = time.instant(day: day, minute: span!.start), let ends = time.instant(day: day, minute: span!.end) else {
            throw AppError.invalid(["date": lang.t("不是有效的日期。", "Not a valid date.")])
        }
        guard starts > time.now else {
            throw AppError.invalid(["date": lang.t("安排的时间要在将来。", "The time must be in the future.")])
        }
        return Slot(day: day, starts: starts, ends: ends, location: location, registration: mode!)
    }

    private static func requiredReason(_ raw: String, lang: Lang, zh: String, en: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= maxText else {
            throw AppError.invalid(["reason": lang.t(zh + "（\(maxText) 字以内）", en + " (up to \(maxText) characters)")])
        }
        return text
    }
}

/// "2026 年", "2026 年第 4 季度", "2026 年 11 月", "2026 年第 48 周".
enum PeriodName {
    static func text(_ key: String, _ lang: Lang) -> String {
        let parts = key.split(separator: "-").map(String.init)
        guard let year = parts.first else { return key }
        guard parts.count == 2 else { return lang.t("\(year) 年", year) }
        let rest = parts[1]
        if rest.hasPrefix("Q") { return lang.t("\(year) 年第 \(rest.dropFirst()) 季度", "\(rest) \(year)") }
        if rest.hasPrefix("W") { return lang.t("\(year) 年第 \(Int(rest.dropFirst()) ?? 0) 周", "week \(Int(rest.dropFirst()) ?? 0) of \(year)") }
        return lang.t("\(year) 年 \(Int(rest) ?? 0) 月", "\(year)-\(rest)")
    }
}
