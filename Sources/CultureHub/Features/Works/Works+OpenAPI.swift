import Foundation

/// Original works of mass creation (R6.4) in the OpenAPI document.
extension OpenAPIDocument {
    static let workOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/works", summary: "Original works of mass creation shown publicly",
                  tag: "Works", query: pageQuery, response: "CreativeWorkPage"),
        Operation(method: "post", path: "/api/v1/works",
                  summary: "Register an original work: a citizen's waits for review, staff's is listed at once",
                  tag: "Works", body: "CreativeWorkInput", response: "CreativeWork", status: "201"),
    ]

    static var workSchemas: [String: Any] {
        let (uuid, str, _, _, bool, day, _) = primitives
        let nullableUUID: [String: Any] = ["type": ["string", "null"], "format": "uuid"]
        let work = object(["id": uuid, "title": str, "kind": enumeration(WorkKind.self), "creators": str,
                           "teamId": nullableUUID, "createdOn": day, "mediaLinks": ["type": "array", "items": str],
                           "description": str, "listed": bool],
                          required: ["id", "title", "kind", "creators", "createdOn", "mediaLinks", "description",
                                     "listed"])
        return [
            "CreativeWork": work,
            "CreativeWorkPage": page("CreativeWork"),
            "CreativeWorkInput": object(["title": ["type": "string", "maxLength": 60],
                                         "kind": enumeration(WorkKind.self),
                                         "creators": ["type": "string", "maxLength": 100], "createdOn": day,
                                         "teamId": uuid, "townshipId": uuid,
                                         "mediaLinks": ["type": "array", "maxItems": 3,
                                                        "items": ["type": "string", "pattern": "^https://"]],
                                         "description": str], required: ["title", "kind", "creators", "createdOn"]),
        ]
    }
}
