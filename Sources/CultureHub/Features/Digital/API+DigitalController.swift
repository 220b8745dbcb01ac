import Fluent
import Foundation
import Vapor

struct DigitalResourceDTO: Content {
    let id: UUID
    let venueId: UUID
    let kind: String
    let title: String
    let description: String
    /// Open through this address so the view is counted.
    let openURL: String
    let views: Int
}

/// The digital catalogue in `/api/v1` (R4.6).
enum APIDigitalController {
    @Sendable static func index(req: Request) async throws -> PageDTO<DigitalResourceDTO> {
        let query = DigitalResource.query(on: req.db).filter(\.$active == true)
        if let raw = req.query[String.self, at: "kind"] {
            guard let kind = DigitalKind(rawValue: raw) else {
                throw AppError.invalid(["kind": req.lang.t("可选值：", "One of ") + DigitalKind.allCases.map(\.rawValue).joined(separator: ", ")])
            }
            query.filter(\.$kind == kind)
        }
        if let raw = req.query[String.self, at: "venue"] {
            guard let id = UUID(uuidString: raw) else { throw AppError.invalid(["venue": req.lang.t("编号格式不对。", "Not an id.")]) }
            query.filter(\.$venue.$id == id)
        }
        let base = req.settings.baseURL
        return try await query.sort(\.$views, .descending).sort(\.$id).paginate(req.apiPage()).dto {
            DigitalResourceDTO(id: $0.id!, venueId: $0.$venue.id, kind: $0.kind.rawValue, title: $0.title, description: $0.details,
                               openURL: base + SiteURL.digital(.open(.id($0.id!))).path, views: $0.views)
        }
    }
}
