import Fluent
import Foundation
import SQLKit
import Vapor

/// Public activity filters (R4.1): kind, target group, township, venue, from a day on.
struct ActivitySearch: Equatable {
    struct Query: Content, Equatable {
        var kind: String?
        var group: String?
        var township: String?
        var venue: String?
        var from: String?
        var page: String?
    }

    var kind: ServiceKind?
    var group: TargetGroup?
    var townshipID: UUID?
    var venueID: UUID?
    /// Where a mobile activity is held: a village's own calendar.
    var villageID: UUID?
    var fromDay: String?
    var page = 1
    var per = 12

    static func parse(_ q: Query, lang: Lang) throws -> ActivitySearch {
        var check = FormCheck(lang)
        var search = ActivitySearch()
        if let raw = q.kind, !raw.isEmpty { search.kind = check.choice("kind", raw) }
        if let raw = q.group, !raw.isEmpty { search.group = check.choice("group", raw) }
        search.townshipID = check.uuid("township", q.township, required: false)
        search.venueID = check.uuid("venue", q.venue, required: false)
        search.fromDay = check.date("from", q.from, required: false)
        search.page = check.int("page", q.page, required: false, min: 1, max: 10_000) ?? 1
        try check.throwIfInvalid()
        return search
    }

    /// Published activities that have not ended (or from `fromDay`), soonest first.
    func apply(to query: QueryBuilder<Activity>, townships: TownshipIndex, time: DisplayTime) -> QueryBuilder<Activity> {
        query.filter(\.$status == .published)
        if let fromDay, let start = time.instant(day: fromDay, minute: 0) {
            query.filter(\.$endsAt >= start)
        } else {
            query.filter(\.$endsAt >= time.now)
        }
        if let kind { query.filter(\.$kind == kind) }
        if let group { query.filter(\.$targetGroupCodes ~~ ",\(group.rawValue),") }
        if let townshipID {
            // An unknown township matches nothing rather than everything.
            query.within(\.$heldInPath, (townships.find(townshipID)?.path ?? "/none/"))
        }
        if let venueID { query.filter(\.$venue.$id == venueID) }
        if let villageID { query.filter(\.$village.$id == villageID) }
        return query.sort(\.$startsAt).sort(\.$id)
    }
}

/// An activity as lists read it: one SQL row with its venue's name, no model decoding.
struct ActivityRow: Decodable, Equatable {
    let id: UUID
    let venue_id: UUID
    let venue_name: String
    let village_id: UUID?
    let held_in_path: String
    let location: String
    let kind: ServiceKind
    let title: String
    let target_groups: String
    let starts_at: Date
    let ends_at: Date
    let registration: RegistrationMode
    let capacity: Int
    let confirmed_places: Int
    let waiting_places: Int
    let status: ActivityStatus
    let mode: ActivityMode?
    let stream_url: String?

    static let columns = ["id", "venue_id", "village_id", "held_in_path", "location", "kind", "title", "target_groups", "starts_at", "ends_at",
                          "registration", "capacity", "confirmed_places", "waiting_places", "status", "mode", "stream_url"]
    var remainingPlaces: Int { max(0, capacity - confirmed_places) }
}

extension ActivitySearch {
    /// One page of matching activities and the total, filtered, sorted and paged in SQL.
    func page(_ request: PageRequest, townships: TownshipIndex, time: DisplayTime, on sql: any SQLDatabase) async throws -> (total: Int, rows: [ActivityRow]) {
        struct Count: Decodable { let n: Int }
        let total = try await filtered(sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n"), townships: townships, time: time)
            .first(decoding: Count.self)?.n ?? 0
        let a = Activity.schema
        let select = sql.select().columns(ActivityRow.columns.map { SQLColumn($0, table: a) })
            .column(SQLColumn("name", table: Venue.schema), as: "venue_name")
        filtered(select, townships: townships, time: time)
            .join(Venue.schema, on: SQLColumn("venue_id", table: a), .equal, SQLColumn("id", table: Venue.schema))
            .orderBy(SQLColumn("starts_at", table: a)).orderBy(SQLColumn("id", table: a))
            .limit(request.per).offset((request.page - 1) * request.per)
        return (total, try await select.all(decoding: ActivityRow.self))
    }

    /// The same filters as `apply(to:)`, for SQLKit reads.
    private func filtered(_ select: SQLSelectBuilder, townships: TownshipIndex, time: DisplayTime) -> SQLSelectBuilder {
        let a = Activity.schema
        select.from(a).where(SQLColumn("status", table: a), .equal, SQLBind(ActivityStatus.published.rawValue))
        let start = fromDay.flatMap { time.instant(day: $0, minute: 0) } ?? time.now
        select.where(SQLColumn("ends_at", table: a), .greaterThanOrEqual, SQLBind(start))
        if let kind { select.where(SQLColumn("kind", table: a), .equal, SQLBind(kind.rawValue)) }
        if let group { select.where(SQLColumn("target_groups", table: a), .like, SQLBind("%,\(group.rawValue),%")) }
        if let townshipID {
            select.where(SQLColumn("held_in_path", table: a), .like, SQLBind((townships.find(townshipID)?.path ?? "/none/") + "%"))
        }
        if let venueID { select.where(SQLColumn("venue_id", table: a), .equal, SQLBind(venueID)) }
        return select
    }
}

/// An activity as a card in lists and on venue pages.
struct ActivityCard: Equatable {
    let id: UUID
    let title: String
    let kind: ServiceKind
    let when: String
    let place: String
    let township: String?
    let groups: [TargetGroup]
    let registration: RegistrationMode
    let remaining: Int
    let capacity: Int
    let waiting: Int
    let isMobile: Bool

    init(_ a: ActivityRow, townships: TownshipIndex, time: DisplayTime) {
        id = a.id; title = a.title; kind = a.kind; when = time.span(a.starts_at, a.ends_at)
        place = [a.venue_name, a.location].filter { !$0.isEmpty }.joined(separator: " · ")
        township = townships.township(containing: a.held_in_path)?.name; groups = TargetGroup.decode(a.target_groups)
        registration = a.registration; remaining = a.remainingPlaces; capacity = a.capacity; waiting = a.waiting_places
        isMobile = a.village_id != nil
    }
}

extension DisplayTime {
    /// "2026-12-05 14:30–16:30", or both full times when it runs past midnight.
    func span(_ start: Date, _ end: Date) -> String {
        let startText = dateTime(start)
        let endText = dateTime(end)
        return startText.prefix(10) == endText.prefix(10) ? startText + "–" + String(endText.suffix(5)) : startText + " – " + endText
    }
}
