import Foundation

/// Folk art teams (R6.2) in the OpenAPI document.
extension OpenAPIDocument {
    static let teamOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/teams", summary: "The folk art team registry", tag: "Teams",
                  query: [("township", "Township region id"),
                          ("kind", FolkArtKind.allCases.map(\.rawValue).joined(separator: " | "))] + pageQuery,
                  response: "FolkTeamPage"),
        Operation(method: "get", path: "/api/v1/teams/{id}", summary: "One team, with its member count", tag: "Teams",
                  response: "FolkTeam"),
        Operation(method: "post", path: "/api/v1/teams",
                  summary: "Register a team in a township or village in scope; names are unique per township (422)",
                  tag: "Teams", staff: true, body: "FolkTeamInput", response: "FolkTeam", status: "201"),
        Operation(method: "post", path: "/api/v1/teams/{id}/guidance",
                  summary: "Log a guidance session given to a team in your region", tag: "Teams", staff: true,
                  body: "GuidanceInput", response: "Guidance", status: "201"),
    ]

    static var teamSchemas: [String: Any] {
        let (uuid, str, int, num, bool, day, _) = primitives
        let nullableUUID: [String: Any] = ["type": ["string", "null"], "format": "uuid"]
        let team = object(["id": uuid, "name": str, "kind": enumeration(FolkArtKind.self), "townshipId": uuid,
                           "villageId": nullableUUID, "registered": bool, "registrationNumber": str,
                           "registeredOn": ["type": ["string", "null"]], "foundedYear": ["type": ["integer", "null"]],
                           "description": str, "members": ["type": ["integer", "null"]],
                           "bookingRate": enumeration(BookingRate.self)],
                          required: ["id", "name", "kind", "townshipId", "registered", "registrationNumber",
                                     "description", "bookingRate"])
        return [
            "FolkTeam": team,
            "FolkTeamPage": page("FolkTeam"),
            "FolkTeamInput": object(["name": ["type": "string", "maxLength": 40], "kind": enumeration(FolkArtKind.self),
                                     "placeId": uuid, "leaderName": str,
                                     "leaderPhone": ["type": "string",
                                                     "description": "The leader's citizen account number, so they can book at the team rate"],
                                     "foundedYear": int, "description": str, "registered": bool,
                                     "registrationNumber": str, "registeredOn": day],
                                    required: ["name", "kind", "placeId", "leaderName"]),
            "GuidanceInput": object(["day": day, "hours": ["type": "number", "minimum": 0.5, "maximum": 12],
                                     "topic": ["type": "string", "maxLength": 60], "notes": str],
                                    required: ["day", "hours", "topic"]),
            "Guidance": object(["id": uuid, "teamId": uuid, "day": day, "hours": num, "topic": str, "notes": str],
                               required: ["id", "teamId", "day", "hours", "topic", "notes"]),
        ]
    }
}
