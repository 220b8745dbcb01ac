import Foundation

/// Registrations and check-in (R4.1, R4.2) in the OpenAPI document.
extension OpenAPIDocument {
    static let registrationOperations: [Operation] = [
        Operation(method: "post", path: "/api/v1/activities/{id}/registrations",
                  summary: "Register (citizen token): confirmed if places remain, else waitlisted; 409 with the reason when a rule refuses; 429 after REG_PER_HOUR registrations within an hour",
                  tag: "Registrations", staff: true, body: "RegistrationInput", response: "Registration",
                  status: "201"),
        Operation(method: "get", path: "/api/v1/me/registrations",
                  summary: "Your registrations, with the check-in token of confirmed ones", tag: "Registrations",
                  staff: true, response: "RegistrationList"),
        Operation(method: "post", path: "/api/v1/registrations/{id}/cancel",
                  summary: "Cancel before the deadline; the waiting list moves up", tag: "Registrations", staff: true,
                  response: "Registration"),
        Operation(method: "post", path: "/api/v1/activities/{id}/checkins",
                  summary: "Check in a code (staff in scope); 409 with outcome duplicate, wrongActivity, cancelled, notConfirmed, forged, expired or tooEarly",
                  tag: "Registrations", staff: true, body: "CheckInInput", response: "CheckInResult"),
    ]

    static var registrationSchemas: [String: Any] {
        let (uuid, str, int, _, bool, _, _) = primitives
        return [
            "RegistrationInput": object(["places": ["type": "integer", "minimum": 1,
                                                    "description": "Places for you and family, up to the activity's per-account limit"]]),
            "Registration": object(["id": uuid, "activityId": uuid, "places": int,
                                    "status": enumeration(RegistrationStatus.self), "checkedIn": bool,
                                    "checkInToken": ["type": "string",
                                                     "description": "QR payload; only while confirmed"]],
                                   required: ["id", "activityId", "places", "status", "checkedIn"]),
            "RegistrationList": ["type": "array", "items": ["$ref": "#/components/schemas/Registration"]],
            "CheckInInput": object(["token": ["type": "string",
                                              "description": "The 38-character token, or the whole check-in URL"]],
                                   required: ["token"]),
            "CheckInResult": object(["outcome": ["type": "string",
                                                 "enum": ["checkedIn", "duplicate", "wrongActivity", "cancelled",
                                                          "notConfirmed", "forged", "expired", "tooEarly"]],
                                     "message": str, "who": ["type": "string", "description": "Masked name and phone"],
                                     "places": int], required: ["outcome", "message"]),
        ]
    }
}
