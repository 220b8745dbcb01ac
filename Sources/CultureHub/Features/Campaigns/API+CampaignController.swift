import Fluent
import Foundation
import Vapor

struct CampaignDTO: Content {
    let id: UUID; let kind: CampaignKind; let name: String; let sponsor: String; let startsOn: String; let endsOn: String?
    let benefits: String; let activities: Int; let participation: Int; let townships: Int
}

struct CampaignAPIInput: Decodable {
    /// The body uses the form's field names.
    static let jsonFields: [String: String] = [:]

    var kind: String?; var name: String?; var sponsor: String?; var startsOn: String?; var endsOn: String?
    var benefits: String?; var description: String?

    var input: CampaignInput {
        CampaignInput(kind: kind, name: name, sponsor: sponsor, startsOn: startsOn, endsOn: endsOn, benefits: benefits,
                      description: description)
    }
}

/// Programmes and brands in `/api/v1` (R6.3). Every write goes through the same desk as its page.
enum APICampaignController {
    @Sendable static func campaigns(req: Request) async throws -> PageDTO<CampaignDTO> {
        let page = try await Campaign.query(on: req.db).sort(\.$startsOn, .descending).sort(\.$id)
            .paginate(req.apiPage())
        let reach = try await CampaignReach.load(page.items.compactMap(\.id), on: req.db)
        return page.dto { campaignDTO($0, reach[$0.id!]) }
    }

    static func campaignDTO(_ c: Campaign, _ r: CampaignReach?) -> CampaignDTO {
        CampaignDTO(id: c.id!, kind: c.kind, name: c.name, sponsor: c.sponsor, startsOn: c.startsOn, endsOn: c.endsOn,
                    benefits: c.benefits, activities: r?.activities ?? 0, participation: r?.participation ?? 0,
                    townships: r?.townships ?? 0)
    }

    @Sendable static func createCampaign(req: Request) async throws -> Response {
        let input = try req.json(CampaignAPIInput.self).input
        let c = try await req.desk(fields: CampaignAPIInput.jsonFields) {
            try await CampaignDesk.create(input, by: req.staff(), now: req.now, lang: req.lang, on: req.db)
        }
        return try await created(campaignDTO(c, nil), for: req)
    }

    @Sendable static func addCampaignActivity(req: Request) async throws -> CampaignDTO {
        let staff = try req.staff()
        let c = try await req.regionRecord(Campaign.self, toWrite: .editRegistry)
        struct Body: Decodable { var activityId: UUID? }
        let b = try req.json(Body.self)
        _ = try await req.desk(fields: ["activity": "activityId"]) { try await CampaignDesk.link(c, activityID: b.activityId?.uuidString, by: staff, time: req.displayTime,
                                        now: req.now, lang: req.lang, on: req.db) }
        return campaignDTO(c, try await CampaignReach.load([c.requireID()], on: req.db)[c.id!])
    }
}
