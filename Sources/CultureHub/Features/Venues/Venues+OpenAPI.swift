import Foundation

/// Venues and their opening hours in the OpenAPI document.
extension OpenAPIDocument {
    static let venueQuery = [("q", "Name or address contains"), ("type", "Venue type"),
                             ("tier", "city | township | village"), ("township", "Township region id"),
                             ("facility", "Accessibility facility"), ("open", "1 = open now")] + pageQuery

    static let venueOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/venues", summary: "Venue directory with filters", tag: "Venues",
                  query: venueQuery, response: "VenuePage"),
        Operation(method: "post", path: "/api/v1/venues", summary: "Register a venue in your scope", tag: "Venues",
                  staff: true, body: "VenueInput", response: "Venue", status: "201"),
        Operation(method: "get", path: "/api/v1/venues/{id}", summary: "One venue with opening hours", tag: "Venues",
                  response: "Venue"),
        Operation(method: "patch", path: "/api/v1/venues/{id}", summary: "Update a venue in your scope", tag: "Venues",
                  staff: true, body: "VenueInput", response: "Venue"),
        Operation(method: "put", path: "/api/v1/venues/{id}/hours", summary: "Replace the weekly opening hours",
                  tag: "Venues", staff: true, body: "HoursInput", response: "Venue"),
        Operation(method: "get", path: "/api/v1/manage/venues", summary: "Venues within your scope", tag: "Manage",
                  staff: true, query: venueQuery, response: "VenuePage"),
        Operation(method: "get", path: "/api/v1/manage/venues/{id}",
                  summary: "A venue within your scope (404 outside it)", tag: "Manage", staff: true, response: "Venue"),
    ]

    static var venueSchemas: [String: Any] {
        let (uuid, str, _, num, _, _, _) = primitives
        let hours = object(["weekday": ["type": "integer", "minimum": 1, "maximum": 7],
                            "opens": ["type": "string", "pattern": "^\\d{2}:\\d{2}$"],
                            "closes": ["type": "string", "pattern": "^\\d{2}:\\d{2}$"]],
                           required: ["weekday", "opens", "closes"])
        return [
            "Hours": hours,
            "HoursInput": object(["hours": ["type": "array", "items": ["$ref": "#/components/schemas/Hours"]]],
                                 required: ["hours"]),
            "Venue": object(["id": uuid, "name": str, "type": enumeration(VenueType.self),
                             "tier": enumeration(RegionLevel.self), "networkRole": enumeration(NetworkRole.self),
                             "status": enumeration(VenueStatus.self), "regionId": uuid, "parentVenueId": uuid,
                             "address": str, "phone": str, "latitude": num, "longitude": num, "intro": str,
                             "accessibility": ["type": "array", "items": enumeration(AccessibilityFacility.self)],
                             "openingHours": ["type": "array", "items": ["$ref": "#/components/schemas/Hours"]]],
                            required: ["id", "name", "type", "tier", "networkRole", "status", "regionId", "address",
                                       "accessibility"]),
            "VenueInput": object(["name": str, "type": enumeration(VenueType.self), "regionId": uuid,
                                  "parentVenueId": uuid, "networkRole": enumeration(NetworkRole.self),
                                  "status": enumeration(VenueStatus.self), "address": str, "phone": str,
                                  "latitude": num, "longitude": num, "intro": str,
                                  "accessibility": ["type": "array",
                                                    "items": enumeration(AccessibilityFacility.self)]]),
            "VenuePage": page("Venue"),
        ]
    }
}
