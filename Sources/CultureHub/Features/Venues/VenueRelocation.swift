import Fluent
import Foundation
import SQLKit

/// Moving a venue to another region (issue #19, R8.5): every row that carries the venue's region
/// path for scope and for the figures (activities, ratings, complaints, bookings, orders …) moves
/// with it in the same transaction, so nothing stays counted under the old township. Published
/// evaluation results are a frozen record of their period and keep the path they were computed with.
enum VenueRelocation {
    /// A table whose `pathColumn` follows the venue named by `venueColumn`; `also` narrows the rows.
    struct Follower: Sendable {
        let table: String
        let pathColumn: String
        let venueColumn: String
        var also: String = ""
    }

    /// Tables that name the venue directly. `VenueRelocationTests` fails when a table with a
    /// venue column and a region path is missing here, so a new feature cannot forget it.
    static let followers: [Follower] = [
        "activity_reports", "budget_lines", "complaints", "digital_resources", "expenditures", "free_opening_notices",
        "inspections", "programmes", "ratings", "rectification_tasks", "service_items", "space_bookings", "spaces",
        "special_resources", "staff_members", "survey_answers", "surveys", "third_party_results", "volunteer_orgs",
        "volunteer_posts", "volunteer_shifts", "activities",
    ].map { Follower(table: $0, pathColumn: "region_path", venueColumn: "venue_id") } + [
        // An activity held at the venue is held where the venue is; one held in a village stays there.
        Follower(table: "activities", pathColumn: "held_in_path", venueColumn: "venue_id", also: "village_id IS NULL"),
        Follower(table: "service_orders", pathColumn: "venue_region_path", venueColumn: "venue_id"),
        Follower(table: "circulations", pathColumn: "from_region_path", venueColumn: "from_venue_id"),
        Follower(table: "circulations", pathColumn: "region_path", venueColumn: "to_venue_id"),
        Follower(table: "accounts", pathColumn: "scope_path", venueColumn: "scope_venue_id"),
    ]

    /// Tables that reach the venue through another row: (table, path column, the row's link to the venue).
    static let indirect: [(table: String, link: String)] = [
        ("registrations", "activity_id IN (SELECT id FROM activities WHERE venue_id = "),
        ("volunteer_applications", "org_id IN (SELECT id FROM volunteer_orgs WHERE venue_id = "),
        ("volunteer_honours", "org_id IN (SELECT id FROM volunteer_orgs WHERE venue_id = "),
        ("training_attendance", "member_id IN (SELECT id FROM staff_members WHERE venue_id = "),
        ("improvement_measures", "plan_id IN (SELECT id FROM improvement_plans WHERE unit_id = "),
        ("improvement_plans", "(unit_id = "),
    ]

    /// Re-paths everything attached to the venue; call inside the transaction that saves the venue.
    /// Returns how many rows moved, for the audit event.
    static func move(venueID: UUID, to newPath: String, on db: any Database) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        var moved = 0
        for f in followers {
            let rows: SQLQueryString = "\(unsafeRaw: f.venueColumn) = \(bind: venueID)\(unsafeRaw: f.also.isEmpty ? "" : " AND " + f.also)"
            moved += try await count(sql, "SELECT COUNT(*) AS n FROM \(unsafeRaw: f.table) WHERE \(rows)")
            try await sql.raw("UPDATE \(unsafeRaw: f.table) SET \(unsafeRaw: f.pathColumn) = \(bind: newPath) WHERE \(rows)").run()
        }
        for (table, link) in indirect {
            let rows: SQLQueryString = "\(unsafeRaw: link)\(bind: venueID))"
            moved += try await count(sql, "SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(rows)")
            try await sql.raw("UPDATE \(unsafeRaw: table) SET region_path = \(bind: newPath) WHERE \(rows)").run()
        }
        return moved
    }

    private static func count(_ sql: any SQLDatabase, _ query: SQLQueryString) async throws -> Int {
        struct Row: Decodable { let n: Int }
        return try await sql.raw(query).first(decoding: Row.self)?.n ?? 0
    }
}
