import Fluent
import Foundation
import Vapor

struct SpaceDTO: Content, Equatable {
    let id: UUID
    let venueId: UUID
    let name: String
    let kind: SpaceKind
    let capacity: Int
    let areaSqm: Int?
    let bookable: Bool
    let description: String

    init(_ s: Space) {
        id = s.id!; venueId = s.$venue.id; name = s.name; kind = s.kind; capacity = s.capacity
        areaSqm = s.areaSqm; bookable = s.bookable; description = s.details
    }
}

/// Typed JSON mapped onto the form input the pages validate, so the API and the pages cannot
/// disagree on a rule. Absent fields keep their value (PATCH).
struct SpaceAPIInput: Content {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["area": "areaSqm"]

    var name: String?
    var kind: String?
    var capacity: Int?
    var areaSqm: Int?
    var bookable: Bool?
    var description: String?

    func merged(into base: SpaceInput) -> SpaceInput {
        var f = base
        if let name { f.name = name }
        if let kind { f.kind = kind }
        if let capacity { f.capacity = String(capacity) }
        if let areaSqm { f.area = String(areaSqm) }
        if let bookable { f.bookable = bookable ? "1" : "" }
        if let description { f.description = description }
        return f
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
        try await req.desk(fields: SpaceAPIInput.jsonFields) { try await VenueDetailsEditor.saveSpace(space, input, venue: venue, by: req.staff(), on: req.db, lang: req.lang) }
        return try await created(SpaceDTO(space), for: req)
    }

    @Sendable static func update(req: Request) async throws -> SpaceDTO {
        let (space, venue) = try await load(req)
        let input = try req.json(SpaceAPIInput.self).merged(into: SpaceInput(space))
        try await req.desk(fields: SpaceAPIInput.jsonFields) { try await VenueDetailsEditor.saveSpace(space, input, venue: venue, by: req.staff(), on: req.db, lang: req.lang) }
        return SpaceDTO(space)
    }

    @Sendable static func delete(req: Request) async throws -> HTTPStatus {
        let (space, venue) = try await load(req)
        try VenueDetailsEditor.authorize(venue, req.staff())
        try await space.delete(on: req.db)
        return .noContent
    }

    private static func load(_ req: Request) async throws -> (Space, Venue) {
        guard let space = try await Space.query(on: req.db).filter(\.$id == req.id()).with(\.$venue).first() else {
            throw AppError.notFound
        }
        return (space, space.venue)
    }
}
