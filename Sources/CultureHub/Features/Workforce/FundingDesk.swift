import Fluent
import Foundation
import Scheduling
import SQLKit
import Vapor
import Workforce

/// A budget line; the amount is in yuan, as typed.
struct BudgetInput: Content, Equatable {
    var venue: String?
    var year: String?
    var category: String?
    var source: String?
    var amount: String?
    var note: String?
}

/// A payment; the amount is in yuan, as typed.
struct SpendingInput: Content, Equatable {
    var venue: String?
    var spentOn: String?
    var category: String?
    var amount: String?
    var voucher: String?
    var overrideReason: String?
}

/// Budgets and spending (R7.3). A payment beyond its budget line (the unit's year and
/// category, all sources) needs a reason, and the check and the write share one lock.
enum FundingDesk {
    /// Larger single amounts are a typing error (¥100,000,000).
    static let maxAmountFen: Int64 = 10_000_000_000

    static func amount(_ raw: String?, field: String, _ check: inout FormCheck) -> Int64? {
        let text = (raw ?? "").replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard !text.isEmpty, (1...2).contains(parts.count), let yuan = Int64(parts[0]), yuan >= 0, !parts[0].contains("-"),
              parts.count == 1 || ((1...2).contains(parts[1].count) && Int64(parts[1]) != nil && !parts[1].contains("-")) else {
            check.fail(field, "请填写金额（元），最多两位小数，例如 12500.50。", "Enter an amount in yuan with at most two decimals, e.g. 12500.50.")
            return nil
        }
        let cents = parts.count == 2 ? Int64(parts[1])! * (parts[1].count == 1 ? 10 : 1) : 0
        let fen = yuan.multipliedReportingOverflow(by: 100)
        guard !fen.overflow, fen.partialValue + cents > 0, fen.partialValue + cents <= maxAmountFen else {
            check.fail(field, "金额要大于 0，且不超过 1 亿元。", "The amount must be above 0 and at most 100 million yuan.")
            return nil
        }
        return fen.partialValue + cents
    }

    static func unit(_ raw: String?, _ staff: Staff, _ check: inout FormCheck, on db: any Database, lang: Lang) async throws -> Venue? {
        guard let id = check.uuid("venue", raw) else { return nil }
        guard let venue = try await Venue.find(id, on: db), staff.scope.contains(venue) || staff.scope.covers(regionPath: venue.regionPath) else {
            check.fail("venue", "请选择您管辖范围内的单位。", "Choose a unit in your scope.")
            return nil
        }
        return venue
    }

    static func addBudget(_ input: BudgetInput, by staff: Staff, now: Date, lang: Lang,
                          on db: any Database) async throws -> BudgetLine {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let venue = try await unit(input.venue, staff, &check, on: db, lang: lang)
        let year = check.int("year", input.year, min: 2000, max: 2100)
        let category: BudgetCategory? = check.choice("category", input.category)
        let source: FundingSource? = check.choice("source", input.source)
        let amount = amount(input.amount, field: "amount", &check)
        let note = check.text("note", input.note, required: false, max: 100)
        try check.throwIfInvalid()
        let line = BudgetLine()
        line.$venue.id = try venue!.requireID()
        line.regionPath = venue!.regionPath
        line.year = year!
        line.category = category!
        line.source = source!
        line.amountFen = amount!
        line.note = note
        line.createdAt = now
        do {
            try await db.writeTransaction { tx in try await line.create(on: tx) }
        } catch let error as any DatabaseError where error.isConstraintFailure {
            throw AppError.invalid(["source": lang.t("\(venue!.name) \(year!) 年的“\(category!.zh) · \(source!.zh)”预算已经登记过了。", "That budget line is already recorded.")])
        }
        return line
    }

    static func spend(_ input: SpendingInput, by staff: Staff, now: Date, lang: Lang,
                      on db: any Database) async throws -> Expenditure {
        try staff.require(.editRegistry)
        var check = FormCheck(lang)
        let venue = try await unit(input.venue, staff, &check, on: db, lang: lang)
        let day = check.date("spentOn", input.spentOn)
        let category: BudgetCategory? = check.choice("category", input.category)
        let amount = amount(input.amount, field: "amount", &check)
        let voucher = check.text("voucher", input.voucher, max: 100)
        let reason = check.text("overrideReason", input.overrideReason, required: false, max: 200)
        try check.throwIfInvalid()
        let year = Int(day!.prefix(4))!
        let venueID = try venue!.requireID()
        return try await db.writeTransaction { tx in
            let sql = tx as! any SQLDatabase
            // Write first to hold the unit's row (see RegistrationDesk.cancel), then read the line.
            try await sql.raw("UPDATE venues SET name = name WHERE id = \(bind: venueID)").run()
            struct Sum: Decodable { let total: Int64? }
            let budget = try await sql.raw("""
                SELECT CAST(SUM(amount_fen) AS BIGINT) AS total FROM budget_lines WHERE venue_id = \(bind: venueID) AND year = \(bind: year) AND category = \(bind: category!.rawValue)
                """).first(decoding: Sum.self)?.total ?? 0
            let spent = try await sql.raw("""
                SELECT CAST(SUM(amount_fen) AS BIGINT) AS total FROM expenditures WHERE venue_id = \(bind: venueID) AND year = \(bind: year) AND category = \(bind: category!.rawValue)
                """).first(decoding: Sum.self)?.total ?? 0
            if spent + amount! > budget && reason.isEmpty {
                let left = max(0, budget - spent)
                throw AppError.invalid(["overrideReason": lang.t(
                    "超出预算：\(venue!.name) \(year) 年“\(category!.zh)”预算 ¥\(Funding.yuan(Int(budget)))，已支出 ¥\(Funding.yuan(Int(spent)))，还剩 ¥\(Funding.yuan(Int(left)))。确需超支请填写原因。",
                    "Over budget: \(category!.en) for \(year) has ¥\(Funding.yuan(Int(budget))), ¥\(Funding.yuan(Int(spent))) spent, ¥\(Funding.yuan(Int(left))) left. Give a reason to go over.")])
            }
            let e = Expenditure()
            e.$venue.id = venueID
            e.regionPath = venue!.regionPath
            e.year = year
            e.spentOn = day!
            e.category = category!
            e.amountFen = amount!
            e.voucher = voucher
            e.overrideReason = spent + amount! > budget ? reason : ""
            e.createdBy = staff.account.id
            e.createdAt = now
            try await e.create(on: tx)
            return e
        }
    }
}
