import Fluent
import Vapor

enum APIVenueController {
    /// Public directory, with the same filters as the venue page.
    @Sendable static func index(req: Request) async throws -> PageDTO<VenueDTO> {
        let search = try VenueSearch.parse(req.query.decode(VenueSearch.Query.self), lang: req.lang)
        let query = try await search.apply(to: Venue.query(on: req.db), on: req.db, at: req.displayTime)
        return try await query.paginate(PageRequest(page: search.page, per: search.per)).dto { VenueDTO($0) }
    }

    @Sendable static func show(req: Request) async throws -> VenueDTO {
        guard let venue = try await Venue.find(req.id(), on: req.db) else { throw AppError.notFound }
        return try await withHours(venue, req)
    }

    /// Staff: venues within the caller's scope only; others are 404.
    @Sendable static func manageIndex(req: Request) async throws -> PageDTO<VenueDTO> {
        let search = try VenueSearch.parse(req.query.decode(VenueSearch.Query.self), lang: req.lang)
        let scoped = try req.staff().scope.filter(Venue.query(on: req.db))
        let query = try await search.apply(to: scoped, on: req.db, at: req.displayTime)
        return try await query.paginate(PageRequest(page: search.page, per: search.per)).dto { VenueDTO($0) }
    }

    @Sendable static func manageShow(req: Request) async throws -> VenueDTO {
        try await withHours(req.scopedVenue(req.staff()), req)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.json(VenueAPIInput.self).merged(into: VenueInput())
        let venue = try await VenueEditor.create(input, by: req.staff(), on: req.db, lang: req.lang)
        return try await created(VenueDTO(venue, hours: []), for: req)
    }

    @Sendable static func update(req: Request) async throws -> VenueDTO {
        let venue = try await req.venueForWrite()
        let input = try req.json(VenueAPIInput.self).merged(into: VenueInput(venue))
        try await VenueEditor.update(venue, with: input, by: req.staff(), on: req.db, lang: req.lang)
        return try await withHours(venue, req)
    }

    @Sendable static func replaceHours(req: Request) async throws -> VenueDTO {
        let venue = try await req.venueForWrite()
        let input = try req.json(HoursAPIInput.self).asInput(lang: req.lang)
        try await VenueDetailsEditor.replaceHours(of: venue, with: input, by: req.staff(), on: req.db, lang: req.lang)
        return try await withHours(venue, req)
    }

    static func withHours(_ venue: Venue, _ req: Request) async throws -> VenueDTO {
        VenueDTO(venue, hours: try await OpeningHours.query(on: req.db).filter(\.$venue.$id == venue.requireID()).all())
    }
}

enum APISpaceController {
    @Sendable static func index(req: Request) async throws -> PageDTO<SpaceDTO> {
        guard try await Venue.find(req.id(), on: req.db) != nil else { throw AppError.notFound }
        return try await Space.query(on: req.db).filter(\.$venue.$id == req.id()).sort(\.$name)
            .paginate(req.apiPage(defaultPer: 50)).dto(SpaceDTO.init)
    }

    @Sendable static func show(req: Request) async throws -> SpaceDTO {
        guard let space = try await Space.find(req.id(), on: req.db) else { throw AppError.notFound }
        return SpaceDTO(space)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let venue = try await req.venueForWrite()
        let input = try req.json(SpaceAPIInput.self).merged(into: SpaceInput())
        let space = Space()
        try await VenueDetailsEditor.saveSpace(space, input, venue: venue, by: req.staff(), on: req.db, lang: req.lang)
        return try await created(SpaceDTO(space), for: req)
    }

    @Sendable static func update(req: Request) async throws -> SpaceDTO {
        let (space, venue) = try await load(req)
        let input = try req.json(SpaceAPIInput.self).merged(into: SpaceInput(space))
        try await VenueDetailsEditor.saveSpace(space, input, venue: venue, by: req.staff(), on: req.db, lang: req.lang)
        return SpaceDTO(space)
    }

    @Sendable static func delete(req: Request) async throws -> HTTPStatus {
        let (space, venue) = try await load(req)
        try VenueDetailsEditor.authorize(venue, req.staff())
        try await space.delete(on: req.db)
        return .noContent
    }

    private static func load(_ req: Request) async throws -> (Space, Venue) {
        guard let space = try await Space.query(on: req.db).filter(\.$id == req.id()).with(\.$venue).first() else { throw AppError.notFound }
        return (space, space.venue)
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
            guard let id = UUID(uuidString: raw) else { throw AppError.invalid(["venue": req.lang.t("场馆编号无效。", "Invalid venue id.")]) }
            query.filter(\.$venue.$id == id)
        }
        return try await query.sort(\.$validFrom, .descending).paginate(req.apiPage()).dto { NoticeDTO($0, today: today) }
    }

    @Sendable static func show(req: Request) async throws -> NoticeDTO {
        guard let notice = try await FreeOpeningNotice.find(req.id(), on: req.db) else { throw AppError.notFound }
        return NoticeDTO(notice, today: req.displayTime.today)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let venue = try await req.venueForWrite()
        let input = try req.json(NoticeAPIInput.self).merged(into: NoticeInput())
        let notice = FreeOpeningNotice()
        try await VenueDetailsEditor.saveNotice(notice, input, venue: venue, by: req.staff(), on: req.db, lang: req.lang)
        return try await created(NoticeDTO(notice, today: req.displayTime.today), for: req)
    }

    @Sendable static func update(req: Request) async throws -> NoticeDTO {
        guard let notice = try await FreeOpeningNotice.query(on: req.db).filter(\.$id == req.id()).with(\.$venue).first() else {
            throw AppError.notFound
        }
        let input = try req.json(NoticeAPIInput.self).merged(into: NoticeInput(notice))
        try await VenueDetailsEditor.saveNotice(notice, input, venue: notice.venue, by: req.staff(), on: req.db, lang: req.lang)
        return NoticeDTO(notice, today: req.displayTime.today)
    }
}
