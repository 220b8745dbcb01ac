import Fluent
import Foundation
import SQLKit
import Volunteering

/// A volunteer's service record: confirmed and waiting hours, star level, honours and the
/// service itself, as the volunteer, staff and the certificate show it.
struct VolunteerRecord {
    let account: Account
    let confirmedMinutes: Int
    let pendingMinutes: Int
    let stars: Int
    let minutesToNextStar: Int?
    let shifts: [VolunteerShift]
    let honours: [VolunteerHonour]
    let orgs: [VolunteerOrg]

    var averageRating: Double? {
        let rated = shifts.compactMap(\.rating)
        return rated.isEmpty ? nil : Double(rated.reduce(0, +)) / Double(rated.count)
    }

    static func load(_ account: Account, levels: StarLevel, on db: any Database) async throws -> VolunteerRecord {
        let id = try account.requireID()
        struct Sums: Decodable { let confirmed: Int?; let pending: Int? }
        // Totals in SQL: a long-serving volunteer's record can hold years of shifts.
        let sums = try await (db as! any SQLDatabase).raw("""
            SELECT CAST(SUM(CASE WHEN hours_state = 'confirmed' THEN minutes ELSE 0 END) AS BIGINT) AS confirmed,
                   CAST(SUM(CASE WHEN hours_state = 'pending' THEN minutes ELSE 0 END) AS BIGINT) AS pending
            FROM volunteer_shifts WHERE account_id = \(bind: id) AND cancelled = \(bind: false)
            """).first(decoding: Sums.self)
        let confirmed = sums?.confirmed ?? 0
        let shifts = try await VolunteerShift.query(on: db).filter(\.$account.$id == id).filter(\.$cancelled == false)
            .with(\.$post).with(\.$org).sort(\.$startsAt, .descending).limit(200).all()
        let honours = try await VolunteerHonour.query(on: db).filter(\.$account.$id == id).with(\.$org).sort(\.$awardedOn, .descending).all()
        let orgs = try await VolunteerApplication.query(on: db).filter(\.$account.$id == id).filter(\.$status == .approved).with(\.$org).all().map(\.org)
        return VolunteerRecord(account: account, confirmedMinutes: confirmed, pendingMinutes: sums?.pending ?? 0,
                               stars: levels.stars(minutes: confirmed), minutesToNextStar: levels.minutesToNextStar(minutes: confirmed),
                               shifts: shifts, honours: honours, orgs: orgs)
    }

    /// "2", "2.5", or two decimals for odd minutes (a short check-in to check-out).
    static func hours(_ minutes: Int) -> String {
        minutes % 60 == 0 ? String(minutes / 60) : String(format: minutes % 6 == 0 ? "%.1f" : "%.2f", Double(minutes) / 60)
    }

    static func starText(_ stars: Int, _ lang: Lang) -> String {
        stars == 0 ? lang.t("未达星级", "No star yet") : String(repeating: "★", count: stars) + lang.t("（\(stars) 星）", " (\(stars) star\(stars == 1 ? "" : "s"))")
    }
}

/// Volunteers ranked by confirmed hours in a year, per township (the organisation's) or overall.
enum VolunteerLeaderboard {
    struct Row: Decodable { let account_id: UUID; let display_name: String; let minutes: Int; let shifts: Int }

    static func rows(year: Int, underPath: String?, time: DisplayTime, limit: Int = 50, on db: any Database) async throws -> [Row] {
        let from = time.instant(day: String(format: "%04d-01-01", year), minute: 0) ?? Date.distantPast
        let to = time.instant(day: String(format: "%04d-01-01", year + 1), minute: 0) ?? Date.distantFuture
        let sql = db as! any SQLDatabase
        let pathFilter: SQLQueryString = underPath.map { "AND \(RegionPath.sql("s.region_path", within: $0))" } ?? ""
        return try await sql.raw("""
            SELECT s.account_id, a.display_name, CAST(SUM(s.minutes) AS BIGINT) AS minutes, COUNT(*) AS shifts
            FROM volunteer_shifts s JOIN accounts a ON a.id = s.account_id
            WHERE s.hours_state = 'confirmed' AND s.cancelled = \(bind: false) AND s.starts_at >= \(bind: from) AND s.starts_at < \(bind: to) \(pathFilter)
            GROUP BY s.account_id, a.display_name ORDER BY minutes DESC, a.display_name LIMIT \(bind: limit)
            """).all(decoding: Row.self)
    }
}
