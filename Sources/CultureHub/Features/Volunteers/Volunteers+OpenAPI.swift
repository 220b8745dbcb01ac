import Foundation

/// Volunteers (R6.1) in the OpenAPI document.
extension OpenAPIDocument {
    static let volunteerOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/volunteer-posts",
                  summary: "Open volunteer posts, soonest first, with slots left", tag: "Volunteers",
                  query: [("org", "Volunteer organisation id")] + pageQuery, response: "VolunteerPostPage"),
        Operation(method: "post", path: "/api/v1/volunteer-posts",
                  summary: "Publish a recruitment post for an organisation in scope, standalone or for an activity (its time when date is left out)",
                  tag: "Volunteers", staff: true, body: "VolunteerPostInput", response: "VolunteerPost", status: "201"),
        Operation(method: "post", path: "/api/v1/volunteer-posts/{id}/signups",
                  summary: "Sign up (approved members of the organisation); 409 when full, already signed up, or overlapping your other service",
                  tag: "Volunteers", response: "VolunteerShift", status: "201"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/cancel",
                  summary: "Cancel your sign-up before it starts and before check-in; the slot is freed",
                  tag: "Volunteers", response: "VolunteerShift"),
        Operation(method: "get", path: "/api/v1/me/volunteering",
                  summary: "Your service record: confirmed and pending hours, star level, honours, shifts",
                  tag: "Volunteers", response: "VolunteerRecord"),
        Operation(method: "post", path: "/api/v1/me/volunteer-hours",
                  summary: "Enter service given outside a post, for the organisation to confirm; no overlaps, at most 24 h a day, the last 180 days",
                  tag: "Volunteers", body: "VolunteerHoursInput", response: "VolunteerShift", status: "201"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/checkin",
                  summary: "Check a volunteer in (from 2 h before the start)", tag: "Volunteers", staff: true,
                  response: "VolunteerShift"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/checkout",
                  summary: "Check a volunteer out; the hours then wait for confirmation", tag: "Volunteers",
                  staff: true, response: "VolunteerShift"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/confirm",
                  summary: "Confirm pending hours, optionally fewer than claimed", tag: "Volunteers", staff: true,
                  body: "HoursDecision", response: "VolunteerShift"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/decline",
                  summary: "Refuse pending hours with a reason the volunteer sees", tag: "Volunteers", staff: true,
                  body: "HoursDecision", response: "VolunteerShift"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/rate",
                  summary: "Evaluate finished service 1–5 with a note", tag: "Volunteers", staff: true,
                  body: "ShiftRating", response: "VolunteerShift"),
    ]

    static var volunteerSchemas: [String: Any] {
        let (uuid, str, int, num, _, day, time) = primitives
        let nullableTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        let nullableUUID: [String: Any] = ["type": ["string", "null"], "format": "uuid"]
        let shift = object(["id": uuid, "postId": nullableUUID, "orgId": uuid, "startsAt": time, "endsAt": time,
                            "checkedInAt": nullableTime, "checkedOutAt": nullableTime,
                            "hoursState": enumeration(HoursState.self), "hours": num, "note": str,
                            "decisionReason": str, "rating": ["type": ["integer", "null"]], "ratingNote": str],
                           required: ["id", "orgId", "startsAt", "endsAt", "hoursState", "hours", "note",
                                      "decisionReason", "ratingNote"])
        return [
            "VolunteerPost": object(["id": uuid, "orgId": uuid, "orgName": str, "activityId": nullableUUID,
                                     "title": str, "duties": str, "place": str, "startsAt": time, "endsAt": time,
                                     "slots": int, "slotsLeft": int],
                                    required: ["id", "orgId", "orgName", "title", "duties", "place", "startsAt",
                                               "endsAt", "slots", "slotsLeft"]),
            "VolunteerPostPage": page("VolunteerPost"),
            "VolunteerPostInput": object(["orgId": uuid, "activityId": uuid,
                                          "title": ["type": "string", "maxLength": 40],
                                          "duties": ["type": "string", "maxLength": 300], "place": str, "date": day,
                                          "starts": ["type": "string", "example": "09:00"],
                                          "ends": ["type": "string", "example": "12:00"],
                                          "slots": ["type": "integer", "minimum": 1, "maximum": 500]],
                                         required: ["orgId", "title", "duties", "slots"]),
            "VolunteerShift": shift,
            "VolunteerRecord": object(["confirmedHours": num, "pendingHours": num, "stars": int,
                                       "hoursToNextStar": ["type": ["number", "null"]],
                                       "honours": ["type": "array",
                                                   "items": object(["title": str, "awardedOn": day, "orgName": str],
                                                                   required: ["title", "awardedOn", "orgName"])],
                                       "shifts": ["type": "array", "items": shift]],
                                      required: ["confirmedHours", "pendingHours", "stars", "honours", "shifts"]),
            "VolunteerHoursInput": object(["orgId": uuid, "date": day, "starts": ["type": "string", "example": "08:30"],
                                  "hours": ["type": "number", "minimum": 0.5, "maximum": 24, "multipleOf": 0.5],
                                  "note": ["type": "string", "maxLength": 200]],
                                 required: ["orgId", "date", "starts", "hours", "note"]),
            "HoursDecision": object(["hours": ["type": "number", "minimum": 0.5],
                                     "reason": ["type": "string", "maxLength": 200]]),
            "ShiftRating": object(["rating": ["type": "integer", "minimum": 1, "maximum": 5],
                                   "note": ["type": "string", "maxLength": 200]], required: ["rating"]),
        ]
    }
}
