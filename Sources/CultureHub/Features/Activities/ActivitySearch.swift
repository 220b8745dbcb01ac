import Fluent
import Foundation
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
            query.filter(\.$heldInPath =~ (townships.find(townshipID)?.path ?? "/none/"))
        }
        if let venueID { query.filter(\.$venue.$id == venueID) }
        return query.sort(\.$startsAt).sort(\.$id)
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

    static func load(_ activities: [Activity], townships: TownshipIndex, on db: any Database, time: DisplayTime) async throws -> [ActivityCard] {
        let venueIDs = Array(Set(activities.map { $0.$venue.id }))
        let venues = venueIDs.isEmpty ? [] : try await Venue.query(on: db).filter(\.$id ~~ venueIDs).all()
        let names = Dictionary(uniqueKeysWithValues: venues.map { ($0.id!, $0.name) })
        return activities.map { a in
            ActivityCard(
                id: a.id!, title: a.title, kind: a.kind, when: time.span(a.startsAt, a.endsAt),
                place: [names[a.$venue.id], a.location.isEmpty ? nil : a.location].compactMap { $0 }.joined(separator: " · "),
                township: townships.township(containing: a.heldInPath)?.name, groups: a.targetGroups,
                registration: a.registration, remaining: a.remainingPlaces, capacity: a.capacity, waiting: a.waitingPlaces,
                isMobile: a.isMobile)
        }
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
