import Foundation

/// Spaces and their booking (R4.4) in the OpenAPI document.
extension OpenAPIDocument {
    static let spaceOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/venues/{id}/spaces", summary: "Spaces of a venue", tag: "Spaces",
                  query: pageQuery, response: "SpacePage"),
        Operation(method: "post", path: "/api/v1/venues/{id}/spaces", summary: "Add a space", tag: "Spaces",
                  staff: true, body: "SpaceInput", response: "Space", status: "201"),
        Operation(method: "get", path: "/api/v1/spaces/{id}", summary: "One space", tag: "Spaces", response: "Space"),
        Operation(method: "patch", path: "/api/v1/spaces/{id}", summary: "Update a space", tag: "Spaces", staff: true,
                  body: "SpaceInput", response: "Space"),
        Operation(method: "delete", path: "/api/v1/spaces/{id}", summary: "Delete a space", tag: "Spaces", staff: true,
                  status: "204"),
        Operation(method: "post", path: "/api/v1/spaces/{id}/bookings",
                  summary: "Request a space booking (any account); 409 names a conflicting approved booking or activity",
                  tag: "Spaces", staff: true, body: "BookingInput", response: "Booking", status: "201"),
        Operation(method: "post", path: "/api/v1/bookings/{id}/approve",
                  summary: "Approve a pending booking (staff in scope) at the rate asked for (a team's rate, else free) unless the body sets one; 409 if the slot was taken meanwhile",
                  tag: "Spaces", staff: true, body: "ApproveInput", response: "Booking"),
        Operation(method: "post", path: "/api/v1/bookings/{id}/decline",
                  summary: "Decline a pending or approved booking with a reason the requester sees (staff in scope)",
                  tag: "Spaces", staff: true, body: "DeclineInput", response: "Booking"),
    ]

    static var spaceSchemas: [String: Any] {
        let (uuid, str, int, _, bool, _, _) = primitives
        return [
            "Space": object(["id": uuid, "venueId": uuid, "name": str, "kind": enumeration(SpaceKind.self),
                             "capacity": int, "areaSqm": int, "bookable": bool, "description": str],
                            required: ["id", "venueId", "name", "kind", "capacity", "bookable"]),
            "SpaceInput": object(["name": str, "kind": enumeration(SpaceKind.self),
                                  "capacity": ["type": "integer", "minimum": 1], "areaSqm": int, "bookable": bool,
                                  "description": str]),
            "SpacePage": page("Space"),
            "DeclineInput": object(["reason": ["type": "string", "maxLength": 200]], required: ["reason"]),
            "ApproveInput": object(["rate": ["type": "string", "enum": BookingRate.allCases.map(\.rawValue)],
                                    "feeFen": ["type": "integer", "minimum": 0]]),
            "BookingInput": object(["team": str,
                                    "teamId": ["type": "string", "format": "uuid",
                                               "description": "A folk art team you lead: booked at the team rate"],
                                    "phone": str, "purpose": str, "attendees": int,
                                    "startsAt": ["type": "string", "format": "date-time"],
                                    "endsAt": ["type": "string", "format": "date-time"]],
                                   required: ["phone", "purpose", "attendees", "startsAt", "endsAt"]),
            "Booking": object(["id": uuid, "spaceId": uuid, "startsAt": ["type": "string", "format": "date-time"],
                               "endsAt": ["type": "string", "format": "date-time"],
                               "status": enumeration(BookingStatus.self), "rate": enumeration(BookingRate.self)],
                              required: ["id", "spaceId", "startsAt", "endsAt", "status", "rate"]),
        ]
    }
}
