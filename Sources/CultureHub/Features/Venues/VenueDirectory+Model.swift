import Fluent
import Foundation
import Vapor

struct VenueCard: Equatable {
    let id: UUID
    let name: String
    let type: VenueType
    let networkRole: NetworkRole
    let status: VenueStatus
    let township: String?
    let address: String
    let facilities: [AccessibilityFacility]
    /// Today's opening periods as "09:00–12:00、14:30–17:30", nil when closed today.
    let todayHours: String?
    let isOpenNow: Bool

    /// Cards for a page of venues: one extra query for today's hours, not one per venue.
    static func load(_ venues: [Venue], townships: TownshipIndex, on db: any Database, time: DisplayTime, lang: Lang) async throws -> [VenueCard] {
        let ids = venues.compactMap(\.id)
        let hours = ids.isEmpty ? [] : try await OpeningHours.query(on: db)
            .filter(\.$venue.$id ~~ ids).filter(\.$weekday == time.weekday).all()
        let todays = Dictionary(grouping: hours) { $0.$venue.id }
        return venues.map { venue in
            let today = todays[venue.id!]
            let minute = time.minuteOfDay
            return VenueCard(
                id: venue.id!, name: venue.name, type: venue.type, networkRole: venue.networkRole,
                status: venue.status, township: townships.township(containing: venue.regionPath)?.name,
                address: venue.address, facilities: venue.facilities,
                todayHours: today.map { OpeningHours.text($0, lang: lang) },
                isOpenNow: venue.status == .operating && (today ?? []).contains { $0.contains(minute: minute) }
            )
        }
    }
}

struct VenueDirectoryPage: Equatable {
    var search: VenueSearch
    var query: VenueSearch.Query
    var errors: FieldErrors
    var cards: [VenueCard]
    var pagination: Pagination
    var townships: [FormField.Option]

    static func build(_ req: Request) async throws -> VenueDirectoryPage {
        let query = try req.query.decode(VenueSearch.Query.self)
        var errors: FieldErrors = [:]
        let search: VenueSearch
        do {
            search = try VenueSearch.parse(query, lang: req.lang)
        } catch AppError.invalid(let fields) {
            errors = fields
            search = VenueSearch()
        }
        let built = try await search.apply(to: Venue.query(on: req.db), on: req.db, at: req.displayTime)
        let page = try await built.paginate(PageRequest(page: search.page, per: search.per))
        let townships = try await req.townships()
        return VenueDirectoryPage(
            search: search, query: query, errors: errors,
            cards: try await VenueCard.load(page.items, townships: townships, on: req.db, time: req.displayTime, lang: req.lang),
            pagination: Pagination(page: page.metadata.page, per: page.metadata.per, total: page.metadata.total),
            townships: townships.options(req.lang, allLabel: req.lang.t("全部乡镇（街道）", "All townships"))
        )
    }

    /// The directory link for another page, keeping every filter.
    func link(page: Int) -> String {
        SiteURL.venues(.index).with([
            ("q", query.q), ("type", query.type), ("tier", query.tier), ("township", query.township),
            ("facility", query.facility), ("open", query.open), ("page", page > 1 ? String(page) : nil),
        ])
    }
}

