import Fluent
import Foundation
import Vapor

/// The public free-opening board (R2.1): every venue with its current notice,
/// venues without one flagged.
struct NoticeBoardPage: Equatable {
    struct Row: Equatable {
        let venueID: UUID
        let venueName: String
        let venueType: VenueType
        let township: String?
        let notice: VenueShowPage.Notice?
    }

    let rows: [Row]
    let pagination: Pagination
    let totalVenues: Int
    let missingCount: Int
    let show: String
    let township: String
    let townships: [FormField.Option]

    static func build(_ req: Request) async throws -> NoticeBoardPage {
        let show = (try? req.query.get(String.self, at: "show")) ?? ""
        let townshipRaw = (try? req.query.get(String.self, at: "township")) ?? ""
        let page = max(1, (try? req.query.get(Int.self, at: "page")) ?? 1)
        let today = req.displayTime.today
        let townships = try await req.townships()

        func base() -> QueryBuilder<Venue> {
            let q = Venue.query(on: req.db)
            if let id = UUID(uuidString: townshipRaw), let township = townships.find(id) {
                q.within(\.$regionPath, township.path)
            }
            return q
        }
        let totalVenues = try await base().count()
        let missing = try await base().havingCurrentNotice(false, on: today).count()
        let listQuery = base()
        switch show {
        case "missing": listQuery.havingCurrentNotice(false, on: today)
        case "current": listQuery.havingCurrentNotice(true, on: today)
        default: break
        }
        let result = try await listQuery.sort(\.$tier).sort(\.$name).paginate(PageRequest(page: page, per: 30))
        let ids = result.items.compactMap(\.id)
        let notices = ids.isEmpty ? [] : try await FreeOpeningNotice.query(on: req.db).filter(\.$venue.$id ~~ ids)
            .sort(\.$validFrom, .descending).all().filter { $0.isCurrent(on: today) }
        var byVenue: [UUID: FreeOpeningNotice] = [:]
        for notice in notices where byVenue[notice.$venue.id] == nil { byVenue[notice.$venue.id] = notice }
        let lang = req.lang
        return NoticeBoardPage(
            rows: result.items.map { venue in
                Row(venueID: venue.id!, venueName: venue.name, venueType: venue.type,
                    township: townships.township(containing: venue.regionPath)?.name,
                    notice: byVenue[venue.id!].map { .init($0, lang: lang) })
            },
            pagination: Pagination(page: result.metadata.page, per: result.metadata.per, total: result.metadata.total),
            totalVenues: totalVenues, missingCount: missing, show: show, township: townshipRaw,
            townships: townships.options(lang, allLabel: lang.t("全部乡镇（街道）", "All townships"))
        )
    }
}
