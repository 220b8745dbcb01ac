import Fluent
import Foundation
import Scheduling
import SQLKit
import Workforce

/// Townships short of full-time culture staff and villages with nobody in post (R7.1).
struct StaffingGaps {
    struct Township { let region: Region; let required: Int; let inPost: Int; let shortSince: String? }
    struct Village { let region: Region; let township: String }

    let townships: [Township]
    let villages: [Village]
    var shortTownships: [Township] { townships.filter { $0.shortSince != nil } }

    static func load(_ scope: Scope, rule: StaffingRule, today: String, on db: any Database) async throws -> StaffingGaps {
        // Staffing of townships and villages is their managers' and the bureau's; a venue keeps its own register.
        guard let path = scope.ownRegionPath else { return StaffingGaps(townships: [], villages: []) }
        let regions = try await Region.query(on: db).within(\.$path, path).filter(\.$level ~~ [.township, .village]).sort(\.$code).all()
        let members = try await StaffMember.query(on: db).within(\.$regionPath, path).filter(\.$tier ~~ [.township, .village])
            .filter(\.$postType ~~ [.fullTime, .partTime]).with(\.$venue).all()
        let todayNumber = LocalDay.number(today) ?? 0
        let span: (StaffMember) -> PostSpan = { PostSpan(firstDay: LocalDay.number($0.startsOn) ?? 0, lastDay: $0.endsOn.flatMap(LocalDay.number)) }
        let townshipRegions = regions.filter { $0.level == .township }
        let townships = townshipRegions.map { t -> Township in
            // The rule is the culture station's: a library branch's staff do not count towards it.
            let posts = members.filter { $0.venue.type == .townshipStation && $0.postType == .fullTime && RegionPath.isWithin($0.regionPath, t.path) }.map(span)
            let required = rule.requiredFullTime(population: t.population)
            let since = Staffing.shortSince(posts, required: required, today: todayNumber, earliest: todayNumber - 730)
            return Township(region: t, required: required, inPost: Staffing.inPost(posts, on: todayNumber), shortSince: since.flatMap { LocalDay.string(number: $0) })
        }
        let staffedVillages = Set(members.filter { $0.venue.type == .villageCentre && $0.isInPost(on: today) }.map(\.regionPath))
        let villages = regions.filter { $0.level == .village }
            .filter { v in !staffedVillages.contains { $0 == v.path } }
            .map { v in Village(region: v, township: townshipRegions.first { RegionPath.isWithin(v.path, $0.path) }?.name ?? "") }
        return StaffingGaps(townships: townships, villages: rule.villagePartTime > 0 ? villages : [])
    }
}

/// Each person's training against the year's requirement, and who is behind (R7.2).
struct TrainingReport {
    struct Person {
        let name: String
        let phone: String
        /// The posts held in the year, latest first.
        let posts: [StaffMember]
        let result: TrainingCompliance
        var unit: String { posts.first?.venue.name ?? "" }
    }

    let year: Int
    let people: [Person]
    var behind: [Person] { people.filter(\.result.isBehind) }

    static func load(_ scope: Scope, year: Int, today: String, rule: TrainingRule, on db: any Database) async throws -> TrainingReport {
        let first = String(format: "%04d-01-01", year), last = String(format: "%04d-12-31", year)
        let posts = try await staffInScope(scope, db).filter(\.$startsOn <= last).group(.or) { $0.filter(\.$endsOn == nil).filter(\.$endsOn >= first) }
            .with(\.$venue).sort(\.$startsOn, .descending).all()
        let ids = posts.compactMap(\.id)
        let attended = try await TrainingAttendance.query(on: db).filter(\.$member.$id ~~ ids)
            .join(TrainingCourse.self, on: \TrainingAttendance.$course.$id == \TrainingCourse.$id)
            .filter(TrainingCourse.self, \.$startsOn >= first).filter(TrainingCourse.self, \.$startsOn <= last).with(\.$course).all()
        let byPerson = Dictionary(grouping: posts, by: \.phone)
        let yearFirst = LocalDay.number(first)!, yearLast = LocalDay.number(last)!, todayNumber = LocalDay.number(today) ?? yearLast
        let people = byPerson.values.map { held -> Person in
            let memberIDs = Set(held.compactMap(\.id))
            let credits = attended.filter { memberIDs.contains($0.$member.id) }.map { TrainingCompliance.Credit(kind: $0.course.kind, days: $0.days) }
            let spans = held.map { TrainingCompliance.Post(tier: $0.tier, span: PostSpan(firstDay: LocalDay.number($0.startsOn) ?? yearFirst, lastDay: $0.endsOn.flatMap(LocalDay.number))) }
            let result = TrainingCompliance.evaluate(posts: spans, credits: credits, yearFirst: yearFirst, yearLast: yearLast, today: todayNumber, rule: rule)
            return Person(name: held[0].name, phone: held[0].phone, posts: held, result: result)
        }.sorted { ($0.result.isBehind ? 0 : 1, $0.unit, $0.name) < ($1.result.isBehind ? 0 : 1, $1.unit, $1.name) }
        return TrainingReport(year: year, people: people)
    }

    static func staffInScope(_ scope: Scope, _ db: any Database) -> QueryBuilder<StaffMember> {
        scope.filter(StaffMember.query(on: db))
    }
}

/// Budgets, spending and unit costs per unit for a year (R7.3), summed in SQL.
struct FundingReport {
    struct Row {
        let venueID: UUID
        let venue: String
        var budget: [BudgetCategory: Int64] = [:]
        var spent: [BudgetCategory: Int64] = [:]
        var activities = 0
        var participation = 0
        var totalBudget: Int64 { budget.values.reduce(0, +) }
        var totalSpent: Int64 { spent.values.reduce(0, +) }
        var rate: Double? { Funding.executionRate(spentFen: Int(totalSpent), budgetFen: Int(totalBudget)) }
    }

    let year: Int
    let rows: [Row]
    var totals: Row {
        var t = Row(venueID: UUID(), venue: "")
        for r in rows {
            for c in BudgetCategory.allCases { t.budget[c, default: 0] += r.budget[c] ?? 0; t.spent[c, default: 0] += r.spent[c] ?? 0 }
            t.activities += r.activities
            t.participation += r.participation
        }
        return t
    }

    static func load(_ scope: Scope, year: Int, time: DisplayTime, on db: any Database) async throws -> FundingReport {
        let sql = db as! any SQLDatabase
        let venueFilter = scope.sqlCondition(regionPath: "v.region_path", venueID: "v.id")
        struct Money: Decodable { let venue_id: UUID; let name: String; let category: String; let total: Int64 }
        let budgets = try await sql.raw("""
            SELECT v.id AS venue_id, v.name, b.category, CAST(SUM(b.amount_fen) AS BIGINT) AS total FROM budget_lines b JOIN venues v ON v.id = b.venue_id
            WHERE b.year = \(bind: year) AND \(venueFilter) GROUP BY v.id, v.name, b.category
            """).all(decoding: Money.self)
        let spending = try await sql.raw("""
            SELECT v.id AS venue_id, v.name, e.category, CAST(SUM(e.amount_fen) AS BIGINT) AS total FROM expenditures e JOIN venues v ON v.id = e.venue_id
            WHERE e.year = \(bind: year) AND \(venueFilter) GROUP BY v.id, v.name, e.category
            """).all(decoding: Money.self)
        var rows: [UUID: Row] = [:]
        for m in budgets { rows[m.venue_id, default: Row(venueID: m.venue_id, venue: m.name)].budget[BudgetCategory(rawValue: m.category) ?? .activities, default: 0] += m.total }
        for m in spending { rows[m.venue_id, default: Row(venueID: m.venue_id, venue: m.name)].spent[BudgetCategory(rawValue: m.category) ?? .activities, default: 0] += m.total }
        // Activities held and people reached, for cost per activity and per participation.
        let from = time.instant(day: String(format: "%04d-01-01", year), minute: 0)!, to = time.instant(day: String(format: "%04d-01-01", year + 1), minute: 0)!
        struct Reach: Decodable { let venue_id: UUID; let activities: Int; let people: Int64? }
        let ids = Array(rows.keys)
        if !ids.isEmpty {
            let reach = try await sql.raw("""
                SELECT a.venue_id, COUNT(*) AS activities,
                       CAST(SUM(COALESCE(r.attendance, a.headcount, (SELECT SUM(g.places) FROM registrations g WHERE g.activity_id = a.id AND g.checked_in_at IS NOT NULL), 0)) AS BIGINT) AS people
                FROM activities a LEFT JOIN activity_reports r ON r.activity_id = a.id
                WHERE a.venue_id IN (\(binds: ids)) AND a.status <> 'cancelled' AND a.starts_at >= \(bind: from) AND a.starts_at < \(bind: to) AND a.ends_at <= \(bind: time.now)
                GROUP BY a.venue_id
                """).all(decoding: Reach.self)
            for r in reach { rows[r.venue_id]?.activities = r.activities; rows[r.venue_id]?.participation = Int(r.people ?? 0) }
        }
        return FundingReport(year: year, rows: rows.values.sorted { $0.venue < $1.venue })
    }
}
