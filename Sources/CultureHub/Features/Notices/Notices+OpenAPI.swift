import Foundation

/// Free-opening notices in the OpenAPI document.
extension OpenAPIDocument {
    static let noticeOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/notices", summary: "Free-opening notices", tag: "Notices",
                  query: [("current", "true = valid today only"), ("venue", "Venue id")] + pageQuery,
                  response: "NoticePage"),
        Operation(method: "post", path: "/api/v1/venues/{id}/notices", summary: "Publish a free-opening notice",
                  tag: "Notices", staff: true, body: "NoticeInput", response: "Notice", status: "201"),
        Operation(method: "get", path: "/api/v1/notices/{id}", summary: "One notice", tag: "Notices",
                  response: "Notice"),
        Operation(method: "patch", path: "/api/v1/notices/{id}", summary: "Correct a notice", tag: "Notices",
                  staff: true, body: "NoticeInput", response: "Notice"),
    ]

    static var noticeSchemas: [String: Any] {
        let (uuid, str, _, _, bool, _, _) = primitives
        return [
            "Notice": object(["id": uuid, "venueId": uuid, "title": str, "freeItems": str, "content": str,
                              "hoursText": str, "validFrom": ["type": "string", "format": "date"],
                              "validUntil": ["type": "string", "format": "date"], "isCurrent": bool],
                             required: ["id", "venueId", "title", "freeItems", "content", "hoursText", "validFrom",
                                        "isCurrent"]),
            "NoticeInput": object(["title": str, "freeItems": str, "content": str, "hoursText": str,
                                   "validFrom": ["type": "string", "format": "date"],
                                   "validUntil": ["type": "string", "format": "date"]]),
            "NoticePage": page("Notice"),
        ]
    }
}
