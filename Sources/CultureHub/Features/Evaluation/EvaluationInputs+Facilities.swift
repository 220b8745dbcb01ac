import Fluent
import Foundation
import KPIMetrics
import SQLKit

extension EvaluationInputs {
    struct WeekdayRow<K: Decodable>: Decodable { let k: K?; let w: Int; let m: Int? }

    /// Open space-minutes (each space's own hours, else its venue's, times how often each
    /// weekday falls in the period up to today) and used space-minutes (approved bookings and
    /// activities in a space, which never overlap one another, so their sum is the union).
    func fillSpaces<K: Decodable & Hashable>(_ out: inout [UUID: UnitInputs], group: (String, String) -> String, map: (K) -> UUID?) async throws {
        let days = period.weekdayCounts(to: today)
        let key = group("s.region_path", "s.venue_id")
        let own: [WeekdayRow<K>] = try await sql.raw("""
            SELECT \(unsafeRaw: key) AS k, h.weekday AS w, CAST(SUM(h.closes_at - h.opens_at) AS BIGINT) AS m
            FROM spaces s JOIN space_hours h ON h.space_id = s.id GROUP BY 1, 2
            """).all(decoding: WeekdayRow<K>.self)
        let inherited: [WeekdayRow<K>] = try await sql.raw("""
            SELECT \(unsafeRaw: key) AS k, o.weekday AS w, CAST(SUM(o.closes_at - o.opens_at) AS BIGINT) AS m
            FROM spaces s JOIN opening_hours o ON o.venue_id = s.venue_id
            WHERE NOT EXISTS (SELECT 1 FROM space_hours h WHERE h.space_id = s.id) GROUP BY 1, 2
            """).all(decoding: WeekdayRow<K>.self)
        for row in own + inherited where (1...7).contains(row.w) {
            guard let id = row.k.flatMap(map) else { continue }
            var weekly = Array(repeating: 0, count: 7)
            weekly[row.w - 1] = row.m ?? 0
            out[id]?.openSpaceMinutes += Utilization.openMinutes(weeklyMinutes: weekly, weekdayCounts: days)
        }
        let seconds = sql.dialect.name == "postgresql" ? "EXTRACT(EPOCH FROM (u.ends_at - u.starts_at))" : "(u.ends_at - u.starts_at)"
        let used: [CountRow<K>] = try await sql.raw("""
            SELECT \(unsafeRaw: group("u.region_path", "u.venue_id")) AS k, CAST(SUM(\(unsafeRaw: seconds)) / 60 AS BIGINT) AS n FROM (
              SELECT b.region_path, b.venue_id, b.starts_at, b.ends_at FROM space_bookings b
                WHERE b.status = 'approved' AND b.starts_at >= \(bind: start) AND b.starts_at < \(bind: until)
              UNION ALL
              SELECT a.region_path, a.venue_id, a.starts_at, a.ends_at FROM activities a
                WHERE a.space_id IS NOT NULL AND a.status = 'published' AND a.starts_at >= \(bind: start) AND a.starts_at < \(bind: until)
            ) u GROUP BY 1
            """).all(decoding: CountRow<K>.self)
        for row in used { if let id = row.k.flatMap(map) { out[id]?.usedSpaceMinutes = row.n ?? 0 } }
    }

    struct HoursRow<K: Decodable>: Decodable { let k: K?; let venues: Int; let m: Int? }

    /// Weekly opening minutes of the unit's own venue tier: a township's culture stations and
    /// branches (averaged), a city venue's own.
    func fillOpeningHours<K: Decodable & Hashable>(_ out: inout [UUID: UnitInputs], group: (String, String) -> String, tier: RegionLevel, map: (K) -> UUID?) async throws {
        let rows: [HoursRow<K>] = try await sql.raw("""
            SELECT \(unsafeRaw: group("v.region_path", "v.id")) AS k, COUNT(DISTINCT v.id) AS venues, CAST(SUM(o.closes_at - o.opens_at) AS BIGINT) AS m
            FROM venues v JOIN opening_hours o ON o.venue_id = v.id WHERE v.tier = \(bind: tier.rawValue) AND v.status = 'operating' GROUP BY 1
            """).all(decoding: HoursRow<K>.self)
        for row in rows where row.venues > 0 {
            if let id = row.k.flatMap(map) { out[id]?.weeklyOpeningMinutes = (row.m ?? 0) / row.venues }
        }
    }

    struct OrderRow<K: Decodable>: Decodable { let k: K?; let answered: Int?; let on_time: Int?; let due: Int?; let delivered: Int? }

    /// Village orders to the unit's venues: answered (and by the deadline) among those placed in
    /// the period; delivered among those accepted whose activity ended in the period.
    func fillOrders<K: Decodable & Hashable>(_ out: inout [UUID: UnitInputs], group: String, map: (K) -> UUID?) async throws {
        let rows: [OrderRow<K>] = try await sql.raw("""
            SELECT \(unsafeRaw: group) AS k,
              SUM(CASE WHEN o.ordered_at >= \(bind: start) AND o.ordered_at < \(bind: until) AND o.decided_at IS NOT NULL THEN 1 ELSE 0 END) AS answered,
              SUM(CASE WHEN o.ordered_at >= \(bind: start) AND o.ordered_at < \(bind: until) AND o.decided_at <= o.decision_due THEN 1 ELSE 0 END) AS on_time,
              SUM(CASE WHEN o.accepted_at IS NOT NULL AND o.scheduled_ends_at >= \(bind: start) AND o.scheduled_ends_at < \(bind: until) THEN 1 ELSE 0 END) AS due,
              SUM(CASE WHEN o.accepted_at IS NOT NULL AND o.scheduled_ends_at >= \(bind: start) AND o.scheduled_ends_at < \(bind: until) AND o.delivered_at IS NOT NULL THEN 1 ELSE 0 END) AS delivered
            FROM service_orders o GROUP BY 1
            """).all(decoding: OrderRow<K>.self)
        for row in rows {
            guard let id = row.k.flatMap(map) else { continue }
            out[id]?.ordersAnswered = row.answered ?? 0; out[id]?.ordersAnsweredOnTime = row.on_time ?? 0
            out[id]?.ordersDue = row.due ?? 0; out[id]?.ordersDelivered = row.delivered ?? 0
        }
    }

    struct VillageRow: Decodable { let k: String?; let n: Int?; let covered: Int? }

    /// Villages with an operating centre, and villages a mobile activity reached in the period.
    func fillVillages(_ out: inout [UUID: UnitInputs], length: Int, map: (String) -> UUID?) async throws {
        let rows: [VillageRow] = try await sql.raw("""
            SELECT SUBSTR(r.path, 1, \(unsafeRaw: String(length))) AS k, COUNT(*) AS n,
              SUM(CASE WHEN r.id IN (SELECT v.region_id FROM venues v WHERE v.type = 'villageCentre' AND v.status = 'operating') THEN 1 ELSE 0 END) AS covered
            FROM regions r WHERE r.level = 'village' GROUP BY 1
            """).all(decoding: VillageRow.self)
        for row in rows {
            guard let id = row.k.flatMap(map) else { continue }
            out[id]?.villages = row.n ?? 0; out[id]?.villagesWithCentre = row.covered ?? 0
        }
        let served: [VillageRow] = try await sql.raw("""
            SELECT SUBSTR(r.path, 1, \(unsafeRaw: String(length))) AS k, COUNT(DISTINCT a.village_id) AS n, 0 AS covered
            FROM activities a JOIN regions r ON r.id = a.village_id
            WHERE a.status = 'published' AND a.ends_at >= \(bind: start) AND a.ends_at < \(bind: until) GROUP BY 1
            """).all(decoding: VillageRow.self)
        for row in served { if let id = row.k.flatMap(map) { out[id]?.villagesServedByMobile = row.n ?? 0 } }
    }

    /// Full-time staff against the staffing rule (townships), and training compliance (people
    /// not behind their share), both as of the period's last day or today. These reuse the
    /// workforce reports' own logic so the workbench and the evaluation never disagree.
    func fillPeopleAndPlaces(_ out: inout [UUID: UnitInputs], units: [EvaluationUnit], on db: any Database) async throws {
        let townships = units.filter { $0.kind == .township }
        let root = commonPrefix(units.map(\.path))
        if !townships.isEmpty {
            let gaps = try await StaffingGaps.load(.region(path: root), rule: settings.staffingRule, today: today, on: db)
            for t in gaps.townships {
                guard let id = t.region.id, out[id] != nil else { continue }
                out[id]?.fullTimeStaff = t.inPost
                out[id]?.fullTimeRequired = t.required
                out[id]?.population = t.region.population
            }
        }
        let year = Int(today.prefix(4)) ?? 2000
        let training = try await TrainingReport.load(.region(path: root), year: year, today: today, rule: settings.trainingRule, on: db)
        for person in training.people {
            guard let venue = person.posts.first?.venue else { continue }
            let unit = units.first { $0.kind == .venue && $0.id == venue.id } ?? townships.first { RegionPath.isWithin(venue.regionPath, $0.path) }
            guard let id = unit?.id else { continue }
            out[id]?.staffOwingTraining += 1
            if !person.result.isBehind { out[id]?.staffTrained += 1 }
        }
    }

    private func commonPrefix(_ paths: [String]) -> String {
        let prefix = RegionPath.common(paths)
        return prefix.isEmpty ? "/" : prefix
    }
}
