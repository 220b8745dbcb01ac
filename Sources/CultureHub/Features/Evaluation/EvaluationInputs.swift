import Fluent
import Foundation
import KPIMetrics
import SQLKit

/// A unit an evaluation scores: a township (everything under its path) or a city-tier venue.
struct EvaluationUnit: Hashable, Sendable, Codable {
    let kind: UnitKind
    let id: UUID
    let name: String
    let path: String
    /// The venue's opening day, for a count target shortened in proportion (nil: long open).
    let openedOn: String?

    /// Every township in the subtree and every city venue, in code and name order.
    static func all(under path: String, on db: any Database) async throws -> [EvaluationUnit] {
        let townships = try await Region.query(on: db).within(\.$path, path).filter(\.$level == .township).sort(\.$code).all()
        let venues = try await Venue.query(on: db).within(\.$regionPath, path).filter(\.$tier == .city).sort(\.$name).all()
        return townships.map { EvaluationUnit(kind: .township, id: $0.id!, name: $0.name, path: $0.path, openedOn: nil) }
            + venues.map { EvaluationUnit(kind: .venue, id: $0.id!, name: $0.name, path: $0.regionPath, openedOn: $0.openedOn) }
    }
}

/// The raw inputs of every unit for one period, each a GROUP BY over the whole subtree: a
/// township's figures are grouped by the first characters of `region_path` (its own path's
/// length), a venue's by `venue_id`, so a province costs the same few queries as a county.
struct EvaluationInputs {
    let period: EvaluationPeriod
    let start: Date
    /// The period's end, or now while it is still running: nothing after now counts yet.
    let until: Date
    let now: Date
    let today: String
    let settings: Settings
    let sql: any SQLDatabase
    /// The scheme's switch for anonymous online survey answers.
    var countingAnonymousSurveys = false

    static func load(_ units: [EvaluationUnit], period: EvaluationPeriod, time: DisplayTime, settings: Settings,
                     countingAnonymousSurveys: Bool = false, on db: any Database) async throws -> [UUID: UnitInputs] {
        guard let start = time.instant(day: period.firstDay, minute: 0), let end = time.instant(day: period.endDay, minute: 0) else { return [:] }
        let now = time.now
        let loader = EvaluationInputs(period: period, start: start, until: min(end, now), now: now, today: min(time.today, period.lastDay),
                                      settings: settings, sql: db as! any SQLDatabase,
                                      countingAnonymousSurveys: countingAnonymousSurveys)
        var out = Dictionary(uniqueKeysWithValues: units.map { ($0.id, UnitInputs()) })
        for length in Set(units.filter { $0.kind == .township }.map(\.path.count)) {
            let byPrefix = Dictionary(uniqueKeysWithValues: units.filter { $0.kind == .township && $0.path.count == length }.map { ($0.path, $0.id) })
            try await loader.fill(&out, prefixLength: length, map: { (k: String) in byPrefix[k] })
            try await loader.fillVillages(&out, length: length, map: { byPrefix[$0] })
        }
        let venueIDs = Set(units.filter { $0.kind == .venue }.map(\.id))
        if !venueIDs.isEmpty {
            try await loader.fill(&out, prefixLength: nil, map: { (k: UUID) in venueIDs.contains(k) ? k : nil })
        }
        try await loader.fillPeopleAndPlaces(&out, units: units, on: db)
        return out
    }

    /// With a `prefixLength`, rows group by that many leading characters of their region path
    /// (townships); without, by their venue column (city venues).
    func fill<K: Decodable & Hashable>(_ out: inout [UUID: UnitInputs], prefixLength: Int?, map: (K) -> UUID?) async throws {
        let group: (String, String) -> String = { region, venue in prefixLength.map { "SUBSTR(\(region), 1, \($0))" } ?? venue }
        let isTownship = prefixLength != nil
        for row in try await activities(group("x.region_path", "x.venue_id"), K.self) {
            guard let id = row.k.flatMap(map) else { continue }
            out[id]?.activities = row.activities; out[id]?.largeEvents = row.large ?? 0; out[id]?.trainings = row.trainings ?? 0
            out[id]?.specialGroupEvents = row.special ?? 0; out[id]?.participations = row.people ?? 0
            out[id]?.reportsDue = row.due ?? 0; out[id]?.reportsOnTime = row.on_time ?? 0; out[id]?.integrityFlags = row.inflated ?? 0
        }
        for row in try await registrations(group("a.region_path", "a.venue_id"), K.self) {
            guard let id = row.k.flatMap(map) else { continue }
            out[id]?.confirmedPlaces = row.confirmed ?? 0; out[id]?.checkedInPlaces = row.checked ?? 0; out[id]?.distinctParticipants = row.people
        }
        for source in SatisfactionPanel.sources(countingAnonymous: countingAnonymousSurveys) {
            for row in try await source.rowsGrouped(by: group(source.regionColumn, source.venueColumn), from: start, to: until, on: sql, as: K.self) {
                guard let id = map(row.key), (1...5).contains(row.score) else { continue }
                out[id]?.ratings += row.count
                if row.score >= 4 { out[id]?.satisfiedRatings += row.count }
            }
        }
        try await fillSpaces(&out, group: group, map: map)
        try await fillOpeningHours(&out, group: group, tier: isTownship ? .township : .city, map: map)
        try await fillOrders(&out, group: group("o.venue_region_path", "o.venue_id"), map: map)
        for row in try await counted(group("s.region_path", "s.venue_id"), "CAST(SUM(s.minutes) AS BIGINT)", """
            FROM volunteer_shifts s WHERE s.hours_state = 'confirmed' AND s.cancelled = \(bind: false) AND s.starts_at >= \(bind: start) AND s.starts_at < \(bind: until)
            """, K.self) {
            if let id = row.k.flatMap(map) { out[id]?.volunteerMinutes = row.n ?? 0 }
        }
        for row in try await counted(group("i.region_path", "i.venue_id"), "COUNT(*)", """
            FROM inspection_items t JOIN inspections i ON i.id = t.inspection_id
            WHERE t.passed = \(bind: false) AND i.inspected_on >= \(bind: period.firstDay) AND i.inspected_on <= \(bind: period.lastDay)
            """, K.self) {
            if let id = row.k.flatMap(map) { out[id]?.inspectionFindings = row.n ?? 0 }
        }
        for row in try await counted(group("c.region_path", "c.venue_id"), "COUNT(*)", """
            FROM complaints c WHERE c.upheld = \(bind: true) AND c.created_at >= \(bind: start) AND c.created_at < \(bind: until)
            """, K.self) {
            if let id = row.k.flatMap(map) { out[id]?.upheldComplaints = row.n ?? 0 }
        }
        for row in try await counted(group("v.region_path", "v.id"), "COUNT(*)", "FROM venues v WHERE 1 = 1", K.self) {
            if let id = row.k.flatMap(map) { out[id]?.venues = row.n ?? 0 }
        }
        for row in try await counted(group("v.region_path", "v.id"), "COUNT(*)", """
            FROM venues v WHERE v.id IN (SELECT n.venue_id FROM free_opening_notices n WHERE n.valid_from <= \(bind: today) AND (n.valid_until IS NULL OR n.valid_until >= \(bind: today)))
            """, K.self) {
            if let id = row.k.flatMap(map) { out[id]?.venuesWithNotice = row.n ?? 0 }
        }
    }

    struct ActivityRow<K: Decodable>: Decodable {
        let k: K?; let activities: Int; let large: Int?; let trainings: Int?; let special: Int?; let people: Int?; let due: Int?; let on_time: Int?; let inflated: Int?
    }

    /// Activities held in the period (published, ended by its end), with participation counted
    /// as everywhere else: the filed report's attendance, else the headcount, else check-ins.
    func activities<K>(_ group: String, _: K.Type) async throws -> [ActivityRow<K>] {
        let special = TargetGroup.allCases.filter(\.isSpecial).map { "x.target_groups LIKE '%\($0.rawValue)%'" }.joined(separator: " OR ")
        let query: SQLQueryString = """
            SELECT \(unsafeRaw: group) AS k, COUNT(*) AS activities,
              SUM(CASE WHEN x.people >= \(bind: settings.largeEventParticipants) THEN 1 ELSE 0 END) AS large,
              SUM(CASE WHEN x.kind = 'training' THEN 1 ELSE 0 END) AS trainings,
              SUM(CASE WHEN \(unsafeRaw: special) THEN 1 ELSE 0 END) AS special,
              CAST(SUM(x.people) AS BIGINT) AS people,
              SUM(CASE WHEN x.submitted_at IS NOT NULL OR x.report_due_at < \(bind: now) THEN 1 ELSE 0 END) AS due,
              SUM(CASE WHEN x.submitted_at <= x.report_due_at THEN 1 ELSE 0 END) AS on_time,
              SUM(CASE WHEN x.attendance > (x.checked_in + COALESCE(x.report_headcount, 0)) * \(bind: settings.overReportFactor) THEN 1 ELSE 0 END) AS inflated
            FROM (SELECT a.region_path, a.venue_id, a.kind, a.target_groups, a.report_due_at, r.submitted_at, r.attendance, r.checked_in, r.headcount AS report_headcount,
                    COALESCE(r.attendance, a.headcount, (SELECT SUM(g.places) FROM registrations g WHERE g.activity_id = a.id AND g.checked_in_at IS NOT NULL), 0) AS people
                  FROM activities a LEFT JOIN activity_reports r ON r.activity_id = a.id
                  WHERE a.status = 'published' AND a.ends_at >= \(bind: start) AND a.ends_at < \(bind: until)) x
            GROUP BY 1
            """
        return try await sql.raw(query).all(decoding: ActivityRow<K>.self)
    }

    struct RegistrationRow<K: Decodable>: Decodable { let k: K?; let confirmed: Int?; let checked: Int?; let people: Int }

    func registrations<K>(_ group: String, _: K.Type) async throws -> [RegistrationRow<K>] {
        try await sql.raw("""
            SELECT \(unsafeRaw: group) AS k,
              CAST(SUM(CASE WHEN g.status IN ('confirmed', 'noShow') THEN g.places ELSE 0 END) AS BIGINT) AS confirmed,
              CAST(SUM(CASE WHEN g.checked_in_at IS NOT NULL THEN g.places ELSE 0 END) AS BIGINT) AS checked,
              COUNT(DISTINCT CASE WHEN g.checked_in_at IS NOT NULL THEN g.account_id END) AS people
            FROM registrations g JOIN activities a ON a.id = g.activity_id
            WHERE a.status = 'published' AND a.ends_at >= \(bind: start) AND a.ends_at < \(bind: until)
            GROUP BY 1
            """).all(decoding: RegistrationRow<K>.self)
    }

    struct CountRow<K: Decodable>: Decodable { let k: K?; let n: Int? }

    /// One figure per unit: `SELECT group, aggregate` over `body` (a FROM … WHERE … clause).
    func counted<K>(_ group: String, _ aggregate: String, _ body: SQLQueryString, _: K.Type) async throws -> [CountRow<K>] {
        var query = SQLQueryString("SELECT \(unsafeRaw: group) AS k, \(unsafeRaw: aggregate) AS n ")
        query.appendInterpolation(body)
        query.appendInterpolation(unsafeRaw: " GROUP BY 1")
        return try await sql.raw(query).all(decoding: CountRow<K>.self)
    }
}
