import Foundation

/// Residents' demands (R3.4) in the OpenAPI document.
extension OpenAPIDocument {
    static let demandOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/demands", summary: "Residents' demands, most supported first",
                  tag: "Demands",
                  query: [("status", "open | adopted | declined"), ("township", "Township region id")] + pageQuery,
                  response: "DemandPage"),
        Operation(method: "post", path: "/api/v1/demands",
                  summary: "Post a demand for a village (you count as its first supporter)", tag: "Demands",
                  staff: true, body: "DemandInput", response: "Demand", status: "201"),
        Operation(method: "post", path: "/api/v1/demands/{id}/support",
                  summary: "Support a demand, once per account; 409 if already supported or answered", tag: "Demands",
                  staff: true, response: "Demand"),
    ]

    static var demandSchemas: [String: Any] {
        let (uuid, str, int, _, _, _, _) = primitives
        return [
            "DemandInput": object(["villageId": uuid, "kind": enumeration(ServiceKind.self),
                                   "description": ["type": "string", "maxLength": DemandDesk.maxText]],
                                  required: ["villageId", "kind", "description"]),
            "Demand": object(["id": uuid, "kind": enumeration(ServiceKind.self), "description": str, "villageId": uuid,
                              "status": enumeration(DemandStatus.self), "supports": int, "answer": str,
                              "serviceItemId": uuid, "activityId": uuid,
                              "createdAt": ["type": "string", "format": "date-time"]],
                             required: ["id", "kind", "description", "villageId", "status", "supports", "answer",
                                        "createdAt"]),
            "DemandPage": page("Demand"),
        ]
    }
}
