import Foundation

/// The digital catalogue in the OpenAPI document.
extension OpenAPIDocument {
    static let digitalOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/digital",
                  summary: "Venues' digital resources, most viewed first; open them through openURL so the view counts",
                  tag: "Digital",
                  query: [("kind", DigitalKind.allCases.map(\.rawValue).joined(separator: " | ")),
                          ("venue", "Venue id")] + pageQuery, response: "DigitalResourcePage"),
    ]

    static var digitalSchemas: [String: Any] {
        let (uuid, str, int, _, _, _, _) = primitives
        return [
            "DigitalResource": object(["id": uuid, "venueId": uuid, "kind": enumeration(DigitalKind.self), "title": str,
                                       "description": str, "openURL": str, "views": int],
                                      required: ["id", "venueId", "kind", "title", "description", "openURL", "views"]),
            "DigitalResourcePage": page("DigitalResource"),
        ]
    }
}
