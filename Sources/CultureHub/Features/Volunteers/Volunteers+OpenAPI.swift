import Foundation

/// Volunteers, folk art teams, original works and programmes in the OpenAPI document (R6.1–R6.4).
extension OpenAPIDocument {
    static let communityOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/volunteer-posts", summary: "Open volunteer posts, soonest first, with slots left", tag: "Volunteers",
                  query: [("org", "Volunteer organisation id")] + pageQuery, response: "VolunteerPostPage"),
        Operation(method: "post", path: "/api/v1/volunteer-posts", summary: "Publish a recruitment post for an organisation in scope, standalone or for an activity (its time when date is left out)",
                  tag: "Volunteers", staff: true, body: "VolunteerPostInput", response: "VolunteerPost", status: "201"),
        Operation(method: "post", path: "/api/v1/volunteer-posts/{id}/signups", summary: "Sign up (approved members of the organisation); 409 when full, already signed up, or overlapping your other service",
                  tag: "Volunteers", response: "VolunteerShift", status: "201"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/cancel", summary: "Cancel your sign-up before it starts and before check-in; the slot is freed",
                  tag: "Volunteers", response: "VolunteerShift"),
        Operation(method: "get", path: "/api/v1/me/volunteering", summary: "Your service record: confirmed and pending hours, star level, honours, shifts",
                  tag: "Volunteers", response: "VolunteerRecord"),
        Operation(method: "post", path: "/api/v1/me/volunteer-hours", summary: "Enter service given outside a post, for the organisation to confirm; no overlaps, at most 24 h a day, the last 180 days",
                  tag: "Volunteers", body: "HoursInput", response: "VolunteerShift", status: "201"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/checkin", summary: "Check a volunteer in (from 2 h before the start)", tag: "Volunteers", staff: true, response: "VolunteerShift"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/checkout", summary: "Check a volunteer out; the hours then wait for confirmation", tag: "Volunteers", staff: true, response: "VolunteerShift"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/confirm", summary: "Confirm pending hours, optionally fewer than claimed", tag: "Volunteers", staff: true,
                  body: "HoursDecision", response: "VolunteerShift"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/decline", summary: "Refuse pending hours with a reason the volunteer sees", tag: "Volunteers", staff: true,
                  body: "HoursDecision", response: "VolunteerShift"),
        Operation(method: "post", path: "/api/v1/volunteer-shifts/{id}/rate", summary: "Evaluate finished service 1–5 with a note", tag: "Volunteers", staff: true,
                  body: "ShiftRating", response: "VolunteerShift"),
        Operation(method: "get", path: "/api/v1/teams", summary: "The folk art team registry", tag: "Teams",
                  query: [("township", "Township region id"), ("kind", FolkArtKind.allCases.map(\.rawValue).joined(separator: " | "))] + pageQuery, response: "FolkTeamPage"),
        Operation(method: "get", path: "/api/v1/teams/{id}", summary: "One team, with its member count", tag: "Teams", response: "FolkTeam"),
        Operation(method: "post", path: "/api/v1/teams", summary: "Register a team in a township or village in scope; names are unique per township (422)",
                  tag: "Teams", staff: true, body: "FolkTeamInput", response: "FolkTeam", status: "201"),
        Operation(method: "post", path: "/api/v1/teams/{id}/guidance", summary: "Log a guidance session given to a team in your region", tag: "Teams", staff: true,
                  body: "GuidanceInput", response: "Guidance", status: "201"),
        Operation(method: "get", path: "/api/v1/works", summary: "Original works of mass creation shown publicly", tag: "Works", query: pageQuery, response: "CreativeWorkPage"),
        Operation(method: "post", path: "/api/v1/works", summary: "Register an original work: a citizen's waits for review, staff's is listed at once",
                  tag: "Works", body: "CreativeWorkInput", response: "CreativeWork", status: "201"),
        Operation(method: "get", path: "/api/v1/campaigns", summary: "Consumption seasons, sponsorships and service brands with their reach", tag: "Programmes",
                  query: pageQuery, response: "CampaignPage"),
        Operation(method: "post", path: "/api/v1/campaigns", summary: "Create a programme or brand for your region", tag: "Programmes", staff: true,
                  body: "CampaignInput", response: "Campaign", status: "201"),
        Operation(method: "post", path: "/api/v1/campaigns/{id}/activities", summary: "Add an activity inside the programme's dates and region; returns the new reach",
                  tag: "Programmes", staff: true, body: "CampaignActivityInput", response: "Campaign"),
    ]

    static var communitySchemas: [String: Any] {
        let (uuid, str, int, num, bool, day, time) = primitives
        let nullableTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        let nullableUUID: [String: Any] = ["type": ["string", "null"], "format": "uuid"]
        let shift = object(["id": uuid, "postId": nullableUUID, "orgId": uuid, "startsAt": time, "endsAt": time, "checkedInAt": nullableTime, "checkedOutAt": nullableTime,
                            "hoursState": enumeration(HoursState.self), "hours": num, "note": str, "decisionReason": str, "rating": ["type": ["integer", "null"]], "ratingNote": str],
                           required: ["id", "orgId", "startsAt", "endsAt", "hoursState", "hours", "note", "decisionReason", "ratingNote"])
        let team = object(["id": uuid, "name": str, "kind": enumeration(FolkArtKind.self), "townshipId": uuid, "villageId": nullableUUID, "registered": bool,
                           "registrationNumber": str, "registeredOn": ["type": ["string", "null"]], "foundedYear": ["type": ["integer", "null"]], "description": str,
                           "members": ["type": ["integer", "null"]], "bookingRate": enumeration(BookingRate.self)],
                          required: ["id", "name", "kind", "townshipId", "registered", "registrationNumber", "description", "bookingRate"])
        let work = object(["id": uuid, "title": str, "kind": enumeration(WorkKind.self), "creators": str, "teamId": nullableUUID, "createdOn": day,
                           "mediaLinks": ["type": "array", "items": str], "description": str, "listed": bool],
                          required: ["id", "title", "kind", "creators", "createdOn", "mediaLinks", "description", "listed"])
        let campaign = object(["id": uuid, "kind": enumeration(CampaignKind.self), "name": str, "sponsor": str, "startsOn": day, "endsOn": ["type": ["string", "null"]],
                               "benefits": str, "activities": int, "participation": int, "townships": int],
                              required: ["id", "kind", "name", "sponsor", "startsOn", "benefits", "activities", "participation", "townships"])
        return [
            "VolunteerPost": object(["id": uuid, "orgId": uuid, "orgName": str, "activityId": nullableUUID, "title": str, "duties": str, "place": str,
                                     "startsAt": time, "endsAt": time, "slots": int, "slotsLeft": int],
                                    required: ["id", "orgId", "orgName", "title", "duties", "place", "startsAt", "endsAt", "slots", "slotsLeft"]),
            "VolunteerPostPage": page("VolunteerPost"),
            "VolunteerPostInput": object(["orgId": uuid, "activityId": uuid, "title": ["type": "string", "maxLength": 40], "duties": ["type": "string", "maxLength": 300],
                                          "place": str, "date": day, "starts": ["type": "string", "example": "09:00"], "ends": ["type": "string", "example": "12:00"],
                                          "slots": ["type": "integer", "minimum": 1, "maximum": 500]], required: ["orgId", "title", "duties", "slots"]),
            "VolunteerShift": shift,
            "VolunteerRecord": object(["confirmedHours": num, "pendingHours": num, "stars": int, "hoursToNextStar": ["type": ["number", "null"]],
                                       "honours": ["type": "array", "items": object(["title": str, "awardedOn": day, "orgName": str], required: ["title", "awardedOn", "orgName"])],
                                       "shifts": ["type": "array", "items": shift]],
                                      required: ["confirmedHours", "pendingHours", "stars", "honours", "shifts"]),
            "HoursInput": object(["orgId": uuid, "date": day, "starts": ["type": "string", "example": "08:30"], "hours": ["type": "number", "minimum": 0.5, "maximum": 24, "multipleOf": 0.5],
                                  "note": ["type": "string", "maxLength": 200]], required: ["orgId", "date", "starts", "hours", "note"]),
            "HoursDecision": object(["hours": ["type": "number", "minimum": 0.5], "reason": ["type": "string", "maxLength": 200]]),
            "ShiftRating": object(["rating": ["type": "integer", "minimum": 1, "maximum": 5], "note": ["type": "string", "maxLength": 200]], required: ["rating"]),
            "FolkTeam": team,
            "FolkTeamPage": page("FolkTeam"),
            "FolkTeamInput": object(["name": ["type": "string", "maxLength": 40], "kind": enumeration(FolkArtKind.self), "placeId": uuid, "leaderName": str,
                                     "leaderPhone": ["type": "string", "description": "The leader's citizen account number, so they can book at the team rate"],
                                     "foundedYear": int, "description": str, "registered": bool, "registrationNumber": str, "registeredOn": day],
                                    required: ["name", "kind", "placeId", "leaderName"]),
            "GuidanceInput": object(["day": day, "hours": ["type": "number", "minimum": 0.5, "maximum": 12], "topic": ["type": "string", "maxLength": 60], "notes": str],
                                    required: ["day", "hours", "topic"]),
            "Guidance": object(["id": uuid, "teamId": uuid, "day": day, "hours": num, "topic": str, "notes": str], required: ["id", "teamId", "day", "hours", "topic", "notes"]),
            "CreativeWork": work,
            "CreativeWorkPage": page("CreativeWork"),
            "CreativeWorkInput": object(["title": ["type": "string", "maxLength": 60], "kind": enumeration(WorkKind.self), "creators": ["type": "string", "maxLength": 100],
                                         "createdOn": day, "teamId": uuid, "townshipId": uuid, "mediaLinks": ["type": "array", "maxItems": 3, "items": ["type": "string", "pattern": "^https://"]],
                                         "description": str], required: ["title", "kind", "creators", "createdOn"]),
            "Campaign": campaign,
            "CampaignPage": page("Campaign"),
            "CampaignInput": object(["kind": enumeration(CampaignKind.self), "name": ["type": "string", "maxLength": 60], "sponsor": str, "startsOn": day, "endsOn": day,
                                     "benefits": str, "description": str], required: ["kind", "name", "startsOn"]),
            "CampaignActivityInput": object(["activityId": uuid], required: ["activityId"]),
        ]
    }
}
