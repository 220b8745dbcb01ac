import Foundation

/// Circulation in the 总分馆 tree (R1.3) in the OpenAPI document.
extension OpenAPIDocument {
    static let circulationOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/manage/circulation",
                  summary: "Batches sent down or held in your part of the 总分馆 tree, soonest due back first",
                  tag: "Circulation", staff: true, query: [("state", "out | overdue | returned")] + pageQuery,
                  response: "CirculationPage"),
        Operation(method: "post", path: "/api/v1/circulation",
                  summary: "Send a book batch, touring exhibition or equipment to a venue below the sender in the tree",
                  tag: "Circulation", staff: true, body: "CirculationInput", response: "Circulation", status: "201"),
        Operation(method: "post", path: "/api/v1/circulation/{id}/return",
                  summary: "The sender records the return; fewer than sent needs a note; 409 if already returned",
                  tag: "Circulation", staff: true, body: "CirculationReturn", response: "Circulation"),
    ]

    static var circulationSchemas: [String: Any] {
        let (uuid, str, int, _, bool, day, _) = primitives
        return [
            "CirculationInput": object(["fromVenueId": uuid, "toVenueId": uuid,
                                        "kind": enumeration(CirculationKind.self),
                                        "description": ["type": "string", "maxLength": 200],
                                        "quantity": ["type": "integer", "minimum": 1], "sentOn": day, "dueBack": day],
                                       required: ["fromVenueId", "toVenueId", "kind", "description", "quantity",
                                                  "sentOn", "dueBack"]),
            "CirculationReturn": object(["returnedOn": day, "returnedQuantity": ["type": "integer", "minimum": 0],
                                         "note": ["type": "string", "maxLength": 200]],
                                        required: ["returnedOn", "returnedQuantity"]),
            "Circulation": object(["id": uuid, "fromVenueId": uuid, "toVenueId": uuid,
                                   "kind": enumeration(CirculationKind.self), "description": str, "quantity": int,
                                   "sentOn": day, "dueBack": day, "overdue": bool,
                                   "returnedOn": ["type": ["string", "null"]],
                                   "returnedQuantity": ["type": ["integer", "null"]], "returnNote": str],
                                  required: ["id", "fromVenueId", "toVenueId", "kind", "description", "quantity",
                                             "sentOn", "dueBack", "overdue", "returnNote"]),
            "CirculationPage": page("Circulation"),
        ]
    }
}
