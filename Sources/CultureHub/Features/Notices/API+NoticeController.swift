import Fluent
import Foundation
import Vapor

struct NoticeDTO: Content, Equatable {
    let id: UUID
    let venueId: UUID
    let title: String
    let freeItems: String
    let content: String
    let hoursText: String
    let validFrom: String
    let validUntil: String?
    let isCurrent: Bool

    init(_ n: FreeOpeningNotice, today: String) {
        id = n.id!; venueId = n.$venue.id; title = n.title; freeItems = n.freeItems; content = n.content
        hoursText = n.hoursText; validFrom = n.validFrom; validUntil = n.validUntil; isCurrent = n.isCurrent(on: today)
    }
}

/// Typed JSON mapped onto the form input the pages validate, so the API and the pages cannot
/// disagree on a rule. Absent fields keep their value (PATCH).
struct NoticeAPIInput: Content {
    var title: String?
    var freeItems: String?
    var content: String?
    var hoursText: String?
    var validFrom: String?
    var validUntil: String?

    func merged(into base: NoticeInput) -> NoticeInput {
        var f = base
        if let title { f.title = title }
        if let freeItems { f.freeItems = freeItems }
        if let content { f.content = content }
        if let hoursText { f.hoursText = hoursText }
        if let validFrom { f.validFrom = validFrom }
        if let validUntil { f.validUntil = validUntil }
        return f
    }
}

enum APINoticeController {
    /// Public: every notice, or only those valid today with `current=true`.
    @Sendable static func index(req: Request) async throws -> PageDTO<NoticeDTO> {
        let today = req.displayTime.today
        let query = FreeOpeningNotice.query(on: req.db)
        if FormCheck.flag(req.query[String.self, at: "current"]) {
            FreeOpeningNotice.current(query, on: today)
        }
        if let raw = req.query[String.self, at: "venue"], !raw.isEmpty {
            guard let id = UUID(uuidString: raw) else {
                throw AppError.invalid(["venue": req.lang.t("场馆编号无效。", "Invalid venue id.")])
            }
            query.filter(\.$venue.$id == id)
        }
        return try await query.sort(\.$validFrom, .descending).paginate(req.apiPage())
            .dto { NoticeDTO($0, today: today) }
    }

    @Sendable static func show(req: Request) async throws -> NoticeDTO {
        guard let notice = try await FreeOpeningNotice.find(req.id(), on: req.db) else {
            throw AppError.notFound
        }
        return NoticeDTO(notice, today: req.displayTime.today)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let venue = try await req.venueForWrite()
        let input = try req.json(NoticeAPIInput.self).merged(into: NoticeInput())
        let notice = FreeOpeningNotice()
        try await VenueDetailsEditor.saveNotice(notice, input, venue: venue, by: req.staff(), on: req.db,
                                                lang: req.lang)
        return try await created(NoticeDTO(notice, today: req.displayTime.today), for: req)
    }

    @Sendable static func update(req: Request) async throws -> NoticeDTO {
        guard let notice = try await FreeOpeningNotice.query(on: req.db).filter(\.$id == req.id()).with(\.$venue)
            .first() else {
            throw AppError.notFound
        }
        let input = try req.json(NoticeAPIInput.self).merged(into: NoticeInput(notice))
        try await VenueDetailsEditor.saveNotice(notice, input, venue: notice.venue, by: req.staff(), on: req.db,
                                                lang: req.lang)
        return NoticeDTO(notice, today: req.displayTime.today)
    }
}
