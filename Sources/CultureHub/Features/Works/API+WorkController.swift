import Fluent
import Foundation
import Vapor

struct CreativeWorkDTO: Content {
    let id: UUID; let title: String; let kind: WorkKind; let creators: String; let teamId: UUID?; let createdOn: String
    let mediaLinks: [String]; let description: String; let listed: Bool
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
        struct Body: Decodable {
            var title: String?; var kind: String?; var creators: String?; var createdOn: String?; var teamId: UUID?
            var townshipId: UUID?; var mediaLinks: [String]?; var description: String?
        }
        let b = try req.json(Body.self)
        let account = try req.auth.require(Account.self)
        let form = ["title": b.title ?? "", "kind": b.kind ?? "", "creators": b.creators ?? "", "createdOn": b.createdOn ?? "",
                    "team": b.teamId?.uuidString ?? "", "township": b.townshipId?.uuidString ?? "",
                    "mediaLinks": (b.mediaLinks ?? []).joined(separator: "\n"), "description": b.description ?? ""]
        let staff = account.scope != nil ? try req.staff() : nil
        let w = try await req.desk(fields: ["team": "teamId", "township": "townshipId"]) { try await CreativeWorkDesk.register(form, account: account, staff: staff, now: req.now,
                                                    today: req.displayTime.today, lang: req.lang, on: req.db) }
        return try await created(workDTO(w), for: req)
    }
}
