import Fluent
import Foundation
import Vapor

struct CreativeWorkDTO: Content {
    let id: UUID; let title: String; let kind: WorkKind; let creators: String; let teamId: UUID?; let createdOn: String
    let mediaLinks: [String]; let description: String; let listed: Bool
}

/// A work as the API takes it: links as a list, places by id.
struct CreativeWorkAPIInput: Decodable {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["team": "teamId", "township": "townshipId"]

    var title: String?; var kind: String?; var creators: String?; var createdOn: String?; var teamId: UUID?
    var townshipId: UUID?; var mediaLinks: [String]?; var description: String?

    var input: CreativeWorkInput {
        CreativeWorkInput(title: title, kind: kind, creators: creators, createdOn: createdOn, description: description,
                          team: teamId?.uuidString, township: townshipId?.uuidString,
                          mediaLinks: (mediaLinks ?? []).joined(separator: "\n"))
    }
}

/// Original works in `/api/v1` (R6.4). Every write goes through the same desk as its page.
enum APIWorkController {
    static func workDTO(_ w: CreativeWork) -> CreativeWorkDTO {
        CreativeWorkDTO(id: w.id!, title: w.title, kind: w.kind, creators: w.creators, teamId: w.teamID,
                        createdOn: w.createdOn, mediaLinks: w.links, description: w.details, listed: w.listed)
    }

    @Sendable static func works(req: Request) async throws -> PageDTO<CreativeWorkDTO> {
        try await CreativeWork.query(on: req.db).filter(\.$listed == true).sort(\.$createdOn, .descending).sort(\.$id)
            .paginate(req.apiPage()).dto(workDTO)
    }

    @Sendable static func createWork(req: Request) async throws -> Response {
        let input = try req.json(CreativeWorkAPIInput.self).input
        let account = try req.auth.require(Account.self)
        let staff = account.scope != nil ? try req.staff() : nil
        let w = try await req.desk(fields: CreativeWorkAPIInput.jsonFields) {
            try await CreativeWorkDesk.register(input, account: account, staff: staff, now: req.now,
                                                today: req.displayTime.today, lang: req.lang, on: req.db)
        }
        return try await created(workDTO(w), for: req)
    }
}
