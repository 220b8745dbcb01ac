import Fluent
import Foundation
import Vapor

struct VenueShowPage: Equatable {
    struct Link: Equatable {
        let id: UUID
        let name: String
    }
    struct Hours: Equatable {
        let weekday: Weekday
        let text: String?
    }
    struct SpaceRow: Equatable {
        let id: UUID
        let name: String
        let kind: SpaceKind
        let capacity: Int
        let bookable: Bool
    }
    struct ResourceRow: Equatable {
        let kind: SpecialResourceKind
        let quantity: Int
        let note: String
    }
    struct Notice: Equatable {
        let title: String
        let freeItems: String
        let content: String
        let hoursText: String
        let validity: String

        init(_ n: FreeOpeningNotice, lang: Lang) {
            title = n.title
            freeItems = n.freeItems
            content = n.content
            hoursText = n.hoursText
            validity = n.validFrom + lang.t(" 至 ", " to ") + (n.validUntil ?? lang.t("长期有效", "until further notice"))
        }
    }

    let id: UUID
    let name: String
    let type: VenueType
    let tier: RegionLevel
    let networkRole: NetworkRole
    let status: VenueStatus
    let regionName: String
    let township: String?
    let address: String
    let phone: String
    let intro: String
    let latitude: Double?
    let longitude: Double?
    let facilities: [AccessibilityFacility]
    let parent: Link?
    let branches: [Link]
    let hours: [Hours]
    let weeklyHours: Double
    let spaces: [SpaceRow]
    let resources: [ResourceRow]
    let notice: Notice?
    var ratings: RatingPanel.Model
    var satisfaction: SatisfactionPanel.Model

    static func build(_ req: Request) async throws -> VenueShowPage {
        guard let venue = try await Venue.query(on: req.db).filter(\.$id == req.id()).with(\.$region).with(\.$parentVenue).first() else {
            throw AppError.notFound
        }
        let id = try venue.requireID()
        let db = req.db
        let branches = try await Venue.query(on: db).filter(\.$parentVenue.$id == id).sort(\.$name).all()
        let hours = try await OpeningHours.query(on: db).filter(\.$venue.$id == id).all()
        let spaces = try await Space.query(on: db).filter(\.$venue.$id == id).sort(\.$name).all()
        let resources = try await SpecialResource.query(on: db).filter(\.$venue.$id == id).sort(\.$kind).all()
        let today = req.displayTime.today
        let notice = try await FreeOpeningNotice.query(on: db).filter(\.$venue.$id == id)
            .filter(\.$validFrom <= today).sort(\.$validFrom, .descending).all()
            .first { $0.isCurrent(on: today) }
        let townships = try await req.townships()
        let lang = req.lang
        let byDay = Dictionary(grouping: hours, by: \.weekday)
        let ratings = try await RatingPanel.load(
            .venue(id), venueID: id, account: req.auth.get(Account.self), formAction: SiteURL.feedback(.venueRate(.id(id))).path,
            allURL: SiteURL.feedback(.venueRatings(.id(id))).path, signInURL: SiteURL.login.with([("next", SiteURL.venues(.show(.id(id))).path + "#ratings")]),
            now: req.now, time: req.displayTime, on: db)
        let satisfaction = try await SatisfactionPanel.load(.venue(id), year: Int(today.prefix(4)) ?? 2026, time: req.displayTime, on: db)
        return VenueShowPage(
            id: id, name: venue.name, type: venue.type, tier: venue.tier, networkRole: venue.networkRole,
            status: venue.status, regionName: venue.region.name,
            township: townships.township(containing: venue.regionPath)?.name,
            address: venue.address, phone: venue.phone, intro: venue.intro,
            latitude: venue.latitude, longitude: venue.longitude, facilities: venue.facilities,
            parent: venue.parentVenue.map { Link(id: $0.id!, name: $0.name) },
            branches: branches.map { Link(id: $0.id!, name: $0.name) },
            hours: Weekday.allCases.map { day in
                Hours(weekday: day, text: byDay[day.rawValue].map { OpeningHours.text($0, lang: lang) })
            },
            weeklyHours: Double(hours.reduce(0) { $0 + max(0, $1.closesAt - $1.opensAt) }) / 60,
            spaces: spaces.map { SpaceRow(id: $0.id!, name: $0.name, kind: $0.kind, capacity: $0.capacity, bookable: $0.bookable) },
            resources: resources.map { ResourceRow(kind: $0.kind, quantity: $0.quantity, note: $0.note) },
            notice: notice.map { Notice($0, lang: lang) },
            ratings: ratings, satisfaction: satisfaction
        )
    }
}
