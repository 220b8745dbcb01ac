import Fluent
import Foundation
import Vapor
import Workforce

struct StaffMemberDTO: Content {
    let id: UUID; let name: String; let phone: String; let venueId: UUID; let tier: UnitTier; let postType: PostType; let position: String
    let startsOn: String; let endsOn: String?; let subsidyFen: Int
}
struct StaffingGapDTO: Content { let townshipId: UUID; let name: String; let population: Int; let required: Int; let inPost: Int; let shortSince: String? }
struct StaffingGapsDTO: Content { let townships: [StaffingGapDTO]; let villagesWithoutStaff: [UUID] }
struct TrainingPersonDTO: Content {
    let name: String; let phone: String; let unit: String; let required: [String: Double]; let credited: [String: Double]; let expectedByNow: [String: Double]
    let compliant: Bool; let behind: Bool
}
struct CourseDTO: Content {
    let id: UUID; let title: String; let provider: String; let kind: TrainingKind; let level: TrainingLevel; let startsOn: String; let endsOn: String; let days: Double
}
struct FundingRowDTO: Content {
    let venueId: UUID; let venue: String; let budgetFen: [String: Int64]; let spentFen: [String: Int64]; let executionRate: Double?
    let activities: Int; let participation: Int; let costPerActivityFen: Int?; let costPerParticipationFen: Int?
}

struct StaffMemberAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["venue": "venueId", "subsidy": "subsidyFen"]

    var name: String?; var phone: String?; var venueId: UUID?; var postType: String?; var position: String?
    var startsOn: String?; var endsOn: String?; var subsidyFen: Int?

    var input: StaffMemberInput {
        // The desk reads yuan, as the page does; a negative amount stays negative and is refused there.
        let subsidy = subsidyFen.map { $0 < 0 ? "-1" : String(format: "%d.%02d", $0 / 100, $0 % 100) }
        return StaffMemberInput(name: name, phone: phone, venue: venueId?.uuidString, postType: postType,
                                position: position, startsOn: startsOn, endsOn: endsOn, subsidy: subsidy)
    }
}

struct CourseAPIInput: Decodable {
    /// The body uses the form's field names.
    static let jsonFields: [String: String] = [:]

    var title: String?; var provider: String?; var kind: String?; var level: String?; var startsOn: String?
    var endsOn: String?; var days: Double?

    var input: CourseInput {
        CourseInput(title: title, provider: provider, kind: kind, level: level, startsOn: startsOn, endsOn: endsOn,
                    days: days.map { String($0) })
    }
}

struct AttendanceAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["member": "memberId"]

    var memberId: UUID?; var days: Double?; var certificateNote: String?

    var input: AttendanceInput {
        AttendanceInput(member: memberId?.uuidString, days: days.map { String($0) }, certificateNote: certificateNote)
    }
}

struct BudgetAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["venue": "venueId", "amount": "amountFen"]

    var venueId: UUID?; var year: Int?; var category: String?; var source: String?; var amountFen: Int64?
    var note: String?

    var input: BudgetInput {
        BudgetInput(venue: venueId?.uuidString, year: year.map(String.init), category: category, source: source,
                    amount: APIWorkforceController.yuanText(amountFen), note: note)
    }
}

struct SpendingAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["venue": "venueId", "amount": "amountFen"]

    var venueId: UUID?; var spentOn: String?; var category: String?; var amountFen: Int64?; var voucher: String?
    var overrideReason: String?

    var input: SpendingInput {
        SpendingInput(venue: venueId?.uuidString, spentOn: spentOn, category: category,
                      amount: APIWorkforceController.yuanText(amountFen), voucher: voucher,
                      overrideReason: overrideReason)
    }
}

/// Staff register, staffing gaps, training compliance and funding in `/api/v1` (R7.1–R7.3).
enum APIWorkforceController {
    static func dto(_ m: StaffMember) -> StaffMemberDTO {
        StaffMemberDTO(id: m.id!, name: m.name, phone: MobileNumber.masked(m.phone), venueId: m.$venue.id, tier: m.tier, postType: m.postType, position: m.position,
                       startsOn: m.startsOn, endsOn: m.endsOn, subsidyFen: m.subsidyFen)
    }

    @Sendable static func members(req: Request) async throws -> PageDTO<StaffMemberDTO> {
        let staff = try req.staff()
        let query = staff.scope.filter(StaffMember.query(on: req.db))
        if req.query[Bool.self, at: "current"] == true {
            let today = req.displayTime.today
            query.group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn >= today) }
        }
        return try await query.sort(\.$regionPath).sort(\.$name).sort(\.$id).paginate(req.apiPage()).dto(dto)
    }

    @Sendable static func addMember(req: Request) async throws -> Response {
        let input = try req.json(StaffMemberAPIInput.self).input
        let m = try await req.desk(fields: StaffMemberAPIInput.jsonFields) {
            try await StaffRegisterDesk.add(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        return try await created(dto(m), for: req)
    }

    @Sendable static func endPost(req: Request) async throws -> StaffMemberDTO {
        guard let m = try await StaffMember.find(req.id(), on: req.db) else { throw AppError.notFound }
        struct Body: Decodable { var endsOn: String? }
        try await StaffRegisterDesk.end(m, on: try req.json(Body.self).endsOn, by: req.staff(), lang: req.lang, on: req.db)
        return dto(m)
    }

    @Sendable static func gaps(req: Request) async throws -> StaffingGapsDTO {
        let g = try await StaffingGaps.load(req.staff().scope, rule: req.settings.staffingRule, today: req.displayTime.today, on: req.db)
        return StaffingGapsDTO(townships: g.townships.map { StaffingGapDTO(townshipId: $0.region.id!, name: $0.region.name, population: $0.region.population,
                                                                          required: $0.required, inPost: $0.inPost, shortSince: $0.shortSince) },
                               villagesWithoutStaff: g.villages.compactMap(\.region.id))
    }

    @Sendable static func compliance(req: Request) async throws -> PageDTO<TrainingPersonDTO> {
        let year = req.query[Int.self, at: "year"] ?? Int(req.displayTime.today.prefix(4))!
        guard (2000...2100).contains(year) else { throw AppError.invalid(["year": req.lang.t("年份不对。", "Not a year.")]) }
        let report = try await TrainingReport.load(req.staff().scope, year: year, today: req.displayTime.today, rule: req.settings.trainingRule, on: req.db)
        let people = req.query[Bool.self, at: "behind"] == true ? report.behind : report.people
        let page = try req.apiPage()
        let keyed: ([TrainingKind: Double]) -> [String: Double] = { d in Dictionary(uniqueKeysWithValues: TrainingKind.allCases.map { ($0.rawValue, d[$0] ?? 0) }) }
        let items = people.dropFirst((page.page - 1) * page.per).prefix(page.per).map { p in
            TrainingPersonDTO(name: p.name, phone: MobileNumber.masked(p.phone), unit: p.unit, required: keyed(p.result.required), credited: keyed(p.result.credited),
                              expectedByNow: keyed(p.result.expectedByNow), compliant: p.result.isCompliant, behind: p.result.isBehind)
        }
        return PageDTO(items: Array(items), page: page.page, per: page.per, total: people.count)
    }

    @Sendable static func createCourse(req: Request) async throws -> Response {
        let input = try req.json(CourseAPIInput.self).input
        let c = try await req.desk(fields: CourseAPIInput.jsonFields) {
            try await TrainingDesk.createCourse(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        return try await created(CourseDTO(id: c.id!, title: c.title, provider: c.provider, kind: c.kind, level: c.level, startsOn: c.startsOn, endsOn: c.endsOn, days: c.days), for: req)
    }

    @Sendable static func attend(req: Request) async throws -> Response {
        let c = try await req.regionRecord(TrainingCourse.self, usedBy: .editRegistry)
        let input = try req.json(AttendanceAPIInput.self).input
        let a = try await req.desk(fields: AttendanceAPIInput.jsonFields) {
            try await TrainingDesk.attend(c, input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        struct Out: Content { let id: UUID; let courseId: UUID; let memberId: UUID; let days: Double; let certificateNote: String }
        return try await created(Out(id: a.id!, courseId: c.id!, memberId: a.$member.id, days: a.days, certificateNote: a.certificateNote), for: req)
    }

    @Sendable static func funding(req: Request) async throws -> [FundingRowDTO] {
        let year = FundingController.year(req)
        let report = try await FundingReport.load(req.staff().scope, year: year, time: req.displayTime, on: req.db)
        let keyed: ([BudgetCategory: Int64]) -> [String: Int64] = { d in Dictionary(uniqueKeysWithValues: BudgetCategory.allCases.map { ($0.rawValue, d[$0] ?? 0) }) }
        return report.rows.map { r in
            FundingRowDTO(venueId: r.venueID, venue: r.venue, budgetFen: keyed(r.budget), spentFen: keyed(r.spent), executionRate: r.rate, activities: r.activities, participation: r.participation,
                          costPerActivityFen: Funding.costPer(r.activities, spentFen: Int(r.totalSpent)), costPerParticipationFen: Funding.costPer(r.participation, spentFen: Int(r.totalSpent)))
        }
    }

    @Sendable static func addBudget(req: Request) async throws -> Response {
        let input = try req.json(BudgetAPIInput.self).input
        let line = try await req.desk(fields: BudgetAPIInput.jsonFields) {
            try await FundingDesk.addBudget(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        struct Out: Content { let id: UUID; let venueId: UUID; let year: Int; let category: BudgetCategory; let source: FundingSource; let amountFen: Int64 }
        return try await created(Out(id: line.id!, venueId: line.$venue.id, year: line.year, category: line.category, source: line.source, amountFen: line.amountFen), for: req)
    }

    @Sendable static func spend(req: Request) async throws -> Response {
        let input = try req.json(SpendingAPIInput.self).input
        let e = try await req.desk(fields: SpendingAPIInput.jsonFields) {
            try await FundingDesk.spend(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        struct Out: Content { let id: UUID; let venueId: UUID; let spentOn: String; let category: BudgetCategory; let amountFen: Int64; let voucher: String; let overrideReason: String }
        return try await created(Out(id: e.id!, venueId: e.$venue.id, spentOn: e.spentOn, category: e.category, amountFen: e.amountFen, voucher: e.voucher, overrideReason: e.overrideReason), for: req)
    }

    /// The desk reads yuan, as the page does; a negative amount stays negative and is refused there.
    static func yuanText(_ fen: Int64?) -> String? {
        guard let fen else { return nil }
        return fen < 0 ? "-1" : "\(fen / 100).\(String(format: "%02d", Int(fen % 100)))"
    }
}
