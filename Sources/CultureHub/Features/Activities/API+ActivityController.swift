import Fluent
import Foundation
import SQLKit
import Vapor

struct ActivityDTO: Content, Equatable {
    let id: UUID
    let venueId: UUID
    let title: String
    let kind: String
    let targetGroups: [String]
    let startsAt: Date
    let endsAt: Date
    let registration: String
    let capacity: Int
    let remainingPlaces: Int
    let waitingPlaces: Int
    let status: String
    /// inPerson, online or hybrid; online and hybrid activities carry the live-stream link.
    let mode: String
    let streamURL: String?

    init(_ a: ActivityRow) {
        id = a.id; venueId = a.venue_id; title = a.title; kind = a.kind.rawValue; targetGroups = TargetGroup.decode(a.target_groups).map(\.rawValue)
        startsAt = a.starts_at; endsAt = a.ends_at; registration = a.registration.rawValue; capacity = a.capacity
        remainingPlaces = a.remainingPlaces; waitingPlaces = a.waiting_places; status = a.status.rawValue
        mode = (a.mode ?? .inPerson).rawValue; streamURL = a.stream_url
    }

    init(_ a: Activity) {
        id = a.id!; venueId = a.$venue.id; title = a.title; kind = a.kind.rawValue; targetGroups = a.targetGroups.map(\.rawValue)
        startsAt = a.startsAt; endsAt = a.endsAt; registration = a.registration.rawValue; capacity = a.capacity
        remainingPlaces = a.remainingPlaces; waitingPlaces = a.waitingPlaces; status = a.status.rawValue
        mode = a.mode.rawValue; streamURL = a.streamURL
    }
}

/// Activities over JSON (R4.1).
enum APIActivityController {
    @Sendable static func index(req: Request) async throws -> PageDTO<ActivityDTO> {
        let search = try ActivitySearch.parse(req.query.decode(ActivitySearch.Query.self), lang: req.lang)
        let request = try req.apiPage()
        let page = try await search.page(request, townships: req.townships(), time: req.displayTime, on: req.db as! any SQLDatabase)
        return PageDTO(items: page.rows.map(ActivityDTO.init), page: request.page, per: request.per, total: page.total)
    }

    @Sendable static func show(req: Request) async throws -> ActivityDTO {
        guard let activity = try await Activity.find(req.id(), on: req.db) else { throw AppError.notFound }
        return ActivityDTO(activity)
    }
}
