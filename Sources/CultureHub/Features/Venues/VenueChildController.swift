import Fluent
import Vapor

/// A row kept on one venue's list-plus-form page: spaces, special-group resources, notices.
/// Each kind says how to validate, save and draw itself; `VenueChildController` does the rest.
protocol VenueChild: ScopedModel where IDValue == UUID {
    associatedtype Input: Content
    init()
    /// The route parameter naming one row.
    static var parameter: String { get }
    static func list(_ venueID: UUID) -> SiteURL
    static func blankInput(_ req: Request) -> Input
    static func input(from record: Self) -> Input
    static func save(_ record: Self, _ input: Input, venue: Venue, by staff: Staff, on db: any Database, lang: Lang) async throws
    /// The confirmation shown after a save, in both languages.
    func savedMessage() -> (zh: String, en: String)
    func deletedMessage() -> (zh: String, en: String)
    static func render(_ req: Request, venue: Venue, input: Input, errors: FieldErrors, editing: Self?) async throws -> Response
}

enum VenueChildController<Child: VenueChild> {
    @Sendable static func index(req: Request) async throws -> Response {
        let venue = try await req.scopedVenue(req.staff())
        return try await Child.render(req, venue: venue, input: Child.blankInput(req), errors: [:], editing: nil)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        try await save(req, venue: req.venueForWrite(), existing: nil)
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let venue = try await req.scopedVenue(req.staff())
        let record = try await find(req, venue)
        return try await Child.render(req, venue: venue, input: Child.input(from: record), errors: [:], editing: record)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let venue = try await req.venueForWrite()
        return try await save(req, venue: venue, existing: find(req, venue))
    }

    @Sendable static func delete(req: Request) async throws -> Response {
        let venue = try await req.venueForWrite()
        let record = try await find(req, venue)
        try VenueDetailsEditor.authorize(venue, req.staff())
        try await record.delete(on: req.db)
        let message = record.deletedMessage()
        Flash.set(req, message.zh, message.en)
        return req.redirect(to: Child.list(venue.id!).path)
    }

    private static func save(_ req: Request, venue: Venue, existing: Child?) async throws -> Response {
        let staff = try req.staff()
        let input = try req.content.decode(Child.Input.self)
        let record = existing ?? Child()
        do {
            try await Child.save(record, input, venue: venue, by: staff, on: req.db, lang: req.lang)
        } catch AppError.invalid(let errors) {
            return try await Child.render(req, venue: venue, input: input, errors: errors, editing: existing)
        }
        let message = record.savedMessage()
        Flash.set(req, message.zh, message.en)
        return req.redirect(to: Child.list(venue.id!).path)
    }

    /// A row of this venue; another venue's row is simply not found here.
    private static func find(_ req: Request, _ venue: Venue) async throws -> Child {
        guard let record = try await Child.restrict(Child.query(on: req.db), toVenue: venue.requireID())
            .filter(\._$id == req.id(Child.parameter)).first() else {
            throw AppError.notFound
        }
        return record
    }
}
