import Foundation

/// Regions (the administrative tree) in the OpenAPI document.
extension OpenAPIDocument {
    static let regionOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/regions",
                  summary: "List regions (city, townships, villages) with population", tag: "Regions",
                  query: [("level", "city | township | village"), ("parent", "Parent region id")] + pageQuery,
                  response: "RegionPage"),
        Operation(method: "post", path: "/api/v1/regions", summary: "Create a region under a parent in your scope",
                  tag: "Regions", staff: true, body: "RegionInput", response: "Region", status: "201"),
        Operation(method: "get", path: "/api/v1/regions/{id}", summary: "One region", tag: "Regions",
                  response: "Region"),
        Operation(method: "patch", path: "/api/v1/regions/{id}",
                  summary: "Update name, kind, population, remote/poor flags", tag: "Regions", staff: true,
                  body: "RegionInput", response: "Region"),
        Operation(method: "get", path: "/api/v1/manage/regions", summary: "Regions within your scope", tag: "Manage",
                  staff: true, query: [("level", "Tier"), ("parent", "Parent id")] + pageQuery, response: "RegionPage"),
        Operation(method: "get", path: "/api/v1/manage/regions/{id}",
                  summary: "A region within your scope (404 outside it)", tag: "Manage", staff: true,
                  response: "Region"),
    ]

    static var regionSchemas: [String: Any] {
        let (uuid, str, int, _, bool, _, _) = primitives
        return [
            "Region": object(["id": uuid, "code": str, "name": str, "kind": enumeration(RegionKind.self),
                              "level": enumeration(RegionLevel.self), "parentId": uuid, "population": int,
                              "isRemote": bool, "isPoor": bool],
                             required: ["id", "code", "name", "kind", "level", "population", "isRemote", "isPoor"]),
            "RegionInput": object(["code": str, "name": str, "kind": enumeration(RegionKind.self), "parentId": uuid,
                                   "population": int, "isRemote": bool, "isPoor": bool]),
            "RegionPage": page("Region"),
        ]
    }
}
