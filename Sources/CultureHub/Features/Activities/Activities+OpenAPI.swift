import Foundation

/// Activities in the OpenAPI document.
extension OpenAPIDocument {
    static let activityOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/activities",
                  summary: "Published activities that have not ended, soonest first", tag: "Activities",
                  query: [("kind", "Service kind"), ("group", "Target group"),
                          ("township", "Township region id (where it is held)"), ("venue", "Organising venue id"),
                          ("from", "yyyy-MM-dd: activities from that day")] + pageQuery, response: "ActivityPage"),
        Operation(method: "get", path: "/api/v1/activities/{id}", summary: "One activity with remaining places",
                  tag: "Activities", response: "Activity"),
    ]

    static var activitySchemas: [String: Any] {
        let (uuid, str, int, _, _, _, _) = primitives
        return [
            "Activity": object(["id": uuid, "venueId": uuid, "title": str, "kind": enumeration(ServiceKind.self),
                                "targetGroups": ["type": "array", "items": enumeration(TargetGroup.self)],
                                "startsAt": ["type": "string", "format": "date-time"],
                                "endsAt": ["type": "string", "format": "date-time"],
                                "registration": enumeration(RegistrationMode.self), "capacity": int,
                                "remainingPlaces": int, "waitingPlaces": int,
                                "status": enumeration(ActivityStatus.self), "mode": enumeration(ActivityMode.self),
                                "streamURL": ["type": ["string", "null"]]],
                               required: ["id", "venueId", "title", "kind", "startsAt", "endsAt", "registration",
                                          "capacity", "remainingPlaces", "status"]),
            "ActivityPage": page("Activity"),
        ]
    }
}
