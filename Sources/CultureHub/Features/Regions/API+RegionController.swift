import Fluent
import Foundation
import Vapor

struct RegionDTO: Content, Equatable {
    let id: UUID
    let code: String
    let name: String
    let kind: RegionKind
    let level: RegionLevel
    let parentId: UUID?
    let population: Int
    let isRemote: Bool
    let isPoor: Bool

    init(_ r: Region) {
        id = r.id!; code = r.code; name = r.name; kind = r.kind; level = r.level; parentId = r.$parent.id
        population = r.population; isRemote = r.isRemote; isPoor = r.isPoor
    }
}

/// Typed JSON mapped onto the form input the pages validate, so the API and the pages cannot
/// disagree on a rule. Absent fields keep their value (PATCH).
struct RegionAPIInput: Content {
    /// The form fields the desk names that this body calls otherwise, for field errors.
    static let jsonFields = ["parent": "parentId", "remote": "isRemote", "poor": "isPoor"]

    var code: String?
    var name: String?
    var kind: String?
    var parentId: UUID?
    var population: Int?
    var isRemote: Bool?
    var isPoor: Bool?

    func merged(into base: RegionInput) -> RegionInput {
        var f = base
        if let code { f.code = code }
        if let name { f.name = name }
        if let kind { f.kind = kind }
        if let parentId { f.parent = parentId.uuidString }
        if let population { f.population = String(population) }
        if let isRemote { f.remote = isRemote ? "1" : "" }
        if let isPoor { f.poor = isPoor ? "1" : "" }
        return f
    }
}

enum APIRegionController {
    /// Public: the administrative tree with populations.
    @Sendable static func index(req: Request) async throws -> PageDTO<RegionDTO> {
        let query = Region.query(on: req.db)
        try filter(query, req)
        return try await query.sort(\.$path).paginate(req.apiPage(defaultPer: 50)).dto(RegionDTO.init)
    }

    @Sendable static func show(req: Request) async throws -> RegionDTO {
        guard let region = try await Region.find(req.id(), on: req.db) else { throw AppError.notFound }
        return RegionDTO(region)
    }

    /// Staff: regions within the caller's scope only.
    @Sendable static func manageIndex(req: Request) async throws -> PageDTO<RegionDTO> {
        let query = try req.staff().scope.filter(Region.query(on: req.db))
        try filter(query, req)
        return try await query.sort(\.$path).paginate(req.apiPage(defaultPer: 50)).dto(RegionDTO.init)
    }

    @Sendable static func manageShow(req: Request) async throws -> RegionDTO {
        guard let region = try await req.staff().scope.filter(Region.query(on: req.db)).filter(\.$id == req.id()).first() else {
            throw AppError.notFound
        }
        return RegionDTO(region)
    }

    @Sendable static func create(req: Request) async throws -> Response {
        let input = try req.json(RegionAPIInput.self).merged(into: RegionInput())
        let region = try await req.desk(fields: RegionAPIInput.jsonFields) { try await RegionEditor.create(input, by: req.staff(), on: req.db, lang: req.lang) }
        return try await created(RegionDTO(region), for: req)
    }

    @Sendable static func update(req: Request) async throws -> RegionDTO {
        guard let region = try await Region.find(req.id(), on: req.db) else { throw AppError.notFound }
        let input = try req.json(RegionAPIInput.self).merged(into: RegionInput(region))
        try await req.desk(fields: RegionAPIInput.jsonFields) { try await RegionEditor.update(region, with: input, by: req.staff(), on: req.db, lang: req.lang) }
        return RegionDTO(region)
    }

    private static func filter(_ query: QueryBuilder<Region>, _ req: Request) throws {
        var errors: FieldErrors = [:]
        if let raw = req.query[String.self, at: "level"], !raw.isEmpty {
            if let level = RegionLevel(rawValue: raw) { query.filter(\.$level == level) } else {
                errors["level"] = req.lang.t("应为 city、township 或 village。", "Must be city, township or village.")
            }
        }
        if let raw = req.query[String.self, at: "parent"], !raw.isEmpty {
            if let id = UUID(uuidString: raw) { query.filter(\.$parent.$id == id) } else {
                errors["parent"] = req.lang.t("上级区域编号无效。", "Invalid parent id.")
            }
        }
        guard errors.isEmpty else { throw AppError.invalid(errors) }
    }
}
