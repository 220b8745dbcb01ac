import Foundation
import KPIMetrics
import Vapor

/// The OpenAPI 3.1 description of `/api/v1` (R9.3). Written by hand next to the DTOs;
/// a test checks that every registered API route appears here with its method.
enum OpenAPIDocument {
    struct Operation {
        let method: String
        let path: String
        let summary: String
        let tag: String
        var staff = false
        var query: [(String, String)] = []
        var body: String? = nil
        var response: String? = nil
        var status = "200"
    }

    static let pageQuery = [("page", "Page number, from 1"), ("per", "Items per page, 1–100")]
    static let venueQuery = [("q", "Name or address contains"), ("type", "Venue type"), ("tier", "city | township | village"),
                             ("township", "Township region id"), ("facility", "Accessibility facility"), ("open", "1 = open now")] + pageQuery

    static var operations: [Operation] { coreOperations + orderOperations + serviceOperations + communityOperations + workforceOperations + evaluationOperations }

    static let coreOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/regions", summary: "List regions (city, townships, villages) with population", tag: "Regions",
                  query: [("level", "city | township | village"), ("parent", "Parent region id")] + pageQuery, response: "RegionPage"),
        Operation(method: "post", path: "/api/v1/regions", summary: "Create a region under a parent in your scope", tag: "Regions",
                  staff: true, body: "RegionInput", response: "Region", status: "201"),
        Operation(method: "get", path: "/api/v1/regions/{id}", summary: "One region", tag: "Regions", response: "Region"),
        Operation(method: "patch", path: "/api/v1/regions/{id}", summary: "Update name, kind, population, remote/poor flags", tag: "Regions",
                  staff: true, body: "RegionInput", response: "Region"),
        Operation(method: "get", path: "/api/v1/venues", summary: "Venue directory with filters", tag: "Venues", query: venueQuery, response: "VenuePage"),
        Operation(method: "post", path: "/api/v1/venues", summary: "Register a venue in your scope", tag: "Venues",
                  staff: true, body: "VenueInput", response: "Venue", status: "201"),
        Operation(method: "get", path: "/api/v1/venues/{id}", summary: "One venue with opening hours", tag: "Venues", response: "Venue"),
        Operation(method: "patch", path: "/api/v1/venues/{id}", summary: "Update a venue in your scope", tag: "Venues",
                  staff: true, body: "VenueInput", response: "Venue"),
        Operation(method: "put", path: "/api/v1/venues/{id}/hours", summary: "Replace the weekly opening hours", tag: "Venues",
                  staff: true, body: "HoursInput", response: "Venue"),
        Operation(method: "get", path: "/api/v1/venues/{id}/spaces", summary: "Spaces of a venue", tag: "Spaces", query: pageQuery, response: "SpacePage"),
        Operation(method: "post", path: "/api/v1/venues/{id}/spaces", summary: "Add a space", tag: "Spaces",
                  staff: true, body: "SpaceInput", response: "Space", status: "201"),
        Operation(method: "get", path: "/api/v1/spaces/{id}", summary: "One space", tag: "Spaces", response: "Space"),
        Operation(method: "patch", path: "/api/v1/spaces/{id}", summary: "Update a space", tag: "Spaces", staff: true, body: "SpaceInput", response: "Space"),
        Operation(method: "delete", path: "/api/v1/spaces/{id}", summary: "Delete a space", tag: "Spaces", staff: true, status: "204"),
        Operation(method: "get", path: "/api/v1/notices", summary: "Free-opening notices", tag: "Notices",
                  query: [("current", "true = valid today only"), ("venue", "Venue id")] + pageQuery, response: "NoticePage"),
        Operation(method: "post", path: "/api/v1/venues/{id}/notices", summary: "Publish a free-opening notice", tag: "Notices",
                  staff: true, body: "NoticeInput", response: "Notice", status: "201"),
        Operation(method: "get", path: "/api/v1/notices/{id}", summary: "One notice", tag: "Notices", response: "Notice"),
        Operation(method: "patch", path: "/api/v1/notices/{id}", summary: "Correct a notice", tag: "Notices", staff: true, body: "NoticeInput", response: "Notice"),
        Operation(method: "get", path: "/api/v1/manage/regions", summary: "Regions within your scope", tag: "Manage",
                  staff: true, query: [("level", "Tier"), ("parent", "Parent id")] + pageQuery, response: "RegionPage"),
        Operation(method: "get", path: "/api/v1/manage/regions/{id}", summary: "A region within your scope (404 outside it)", tag: "Manage", staff: true, response: "Region"),
        Operation(method: "get", path: "/api/v1/manage/venues", summary: "Venues within your scope", tag: "Manage", staff: true, query: venueQuery, response: "VenuePage"),
        Operation(method: "get", path: "/api/v1/manage/venues/{id}", summary: "A venue within your scope (404 outside it)", tag: "Manage", staff: true, response: "Venue"),
        Operation(method: "get", path: "/api/v1/activities", summary: "Published activities that have not ended, soonest first", tag: "Activities",
                  query: [("kind", "Service kind"), ("group", "Target group"), ("township", "Township region id (where it is held)"),
                          ("venue", "Organising venue id"), ("from", "yyyy-MM-dd: activities from that day")] + pageQuery, response: "ActivityPage"),
        Operation(method: "get", path: "/api/v1/activities/{id}", summary: "One activity with remaining places", tag: "Activities", response: "Activity"),
        Operation(method: "post", path: "/api/v1/activities/{id}/registrations", summary: "Register (citizen token): confirmed if places remain, else waitlisted; 409 with the reason when a rule refuses; 429 after REG_PER_HOUR registrations within an hour",
                  tag: "Registrations", staff: true, body: "RegistrationInput", response: "Registration", status: "201"),
        Operation(method: "get", path: "/api/v1/me/registrations", summary: "Your registrations, with the check-in token of confirmed ones", tag: "Registrations",
                  staff: true, response: "RegistrationList"),
        Operation(method: "post", path: "/api/v1/registrations/{id}/cancel", summary: "Cancel before the deadline; the waiting list moves up", tag: "Registrations",
                  staff: true, response: "Registration"),
        Operation(method: "post", path: "/api/v1/activities/{id}/checkins", summary: "Check in a code (staff in scope); 409 with outcome duplicate, wrongActivity, cancelled, notConfirmed, forged, expired or tooEarly",
                  tag: "Registrations", staff: true, body: "CheckInInput", response: "CheckInResult"),
        Operation(method: "post", path: "/api/v1/spaces/{id}/bookings", summary: "Request a space booking (any account); 409 names a conflicting approved booking or activity",
                  tag: "Spaces", staff: true, body: "BookingInput", response: "Booking", status: "201"),
        Operation(method: "post", path: "/api/v1/bookings/{id}/approve", summary: "Approve a pending booking (staff in scope) at the rate asked for (a team's rate, else free) unless the body sets one; 409 if the slot was taken meanwhile",
                  tag: "Spaces", staff: true, body: "ApproveInput", response: "Booking"),
        Operation(method: "post", path: "/api/v1/bookings/{id}/decline", summary: "Decline a pending or approved booking with a reason the requester sees (staff in scope)",
                  tag: "Spaces", staff: true, body: "DeclineInput", response: "Booking"),
        Operation(method: "get", path: "/api/v1/activities/{id}/ratings", summary: "Ratings of an activity, newest first, with the summary", tag: "Feedback",
                  query: pageQuery, response: "RatingPage"),
        Operation(method: "post", path: "/api/v1/activities/{id}/ratings", summary: "Rate an activity you checked in to (201), or change your rating within 7 days (200); 409 says why it is refused",
                  tag: "Feedback", staff: true, body: "RatingInput", response: "Rating", status: "201"),
        Operation(method: "get", path: "/api/v1/venues/{id}/ratings", summary: "Ratings of a venue and its activities, with the summary", tag: "Feedback",
                  query: pageQuery, response: "RatingPage"),
        Operation(method: "post", path: "/api/v1/venues/{id}/ratings", summary: "Rate a venue (citizen accounts)", tag: "Feedback", staff: true,
                  body: "RatingInput", response: "Rating", status: "201"),
        Operation(method: "get", path: "/api/v1/satisfaction", summary: "Satisfaction rate (scores 4–5 ÷ valid scores) for a year, by month and channel",
                  tag: "Feedback", query: [("year", "Year, default this year"), ("venue", "Venue id"), ("township", "Township region id")], response: "Satisfaction"),
        Operation(method: "post", path: "/api/v1/complaints", summary: "Submit a complaint or suggestion about a venue or activity; due within COMPLAINT_DAYS working days",
                  tag: "Feedback", staff: true, body: "ComplaintInput", response: "Complaint", status: "201"),
        Operation(method: "get", path: "/api/v1/me/complaints", summary: "Your complaints and suggestions", tag: "Feedback", staff: true,
                  query: pageQuery, response: "ComplaintPage"),
        Operation(method: "get", path: "/api/v1/manage/complaints", summary: "Complaints about venues in your scope, soonest deadline first", tag: "Feedback", staff: true,
                  query: [("status", "submitted | accepted | answered | closed"), ("overdue", "true = past the deadline and unanswered")] + pageQuery, response: "ComplaintPage"),
        Operation(method: "post", path: "/api/v1/me/complaints/{id}/close", summary: "Close your answered complaint as settled; 409 before it is answered",
                  tag: "Feedback", staff: true, response: "Complaint"),
        Operation(method: "post", path: "/api/v1/me/complaints/{id}/reopen", summary: "Reopen your complaint once, within 7 days of the answer, with a reason; the deadline starts again",
                  tag: "Feedback", staff: true, body: "ReasonInput", response: "Complaint"),
        Operation(method: "post", path: "/api/v1/complaints/{id}/accept", summary: "Accept a submitted complaint in your scope", tag: "Feedback", staff: true, response: "Complaint"),
        Operation(method: "post", path: "/api/v1/complaints/{id}/close", summary: "Close an answered complaint in your scope", tag: "Feedback", staff: true, response: "Complaint"),
        Operation(method: "post", path: "/api/v1/complaints/{id}/upheld", summary: "Evaluators: record whether a complaint in your scope was justified (查实); an upheld one is deducted in evaluation",
                  tag: "Feedback", staff: true, body: "UpheldInput", response: "Complaint"),
        Operation(method: "post", path: "/api/v1/ratings/{id}/hide", summary: "Hide a rating's comment with a reason shown in its place (staff in scope); the score still counts",
                  tag: "Feedback", staff: true, body: "ReasonInput", response: "Rating"),
        Operation(method: "post", path: "/api/v1/ratings/{id}/restore", summary: "Show a hidden comment again (staff in scope)", tag: "Feedback", staff: true, response: "Rating"),
        Operation(method: "post", path: "/api/v1/complaints/{id}/answer", summary: "Answer a complaint in your scope (accepts it if needed)", tag: "Feedback", staff: true,
                  body: "AnswerInput", response: "Complaint"),
        Operation(method: "get", path: "/api/v1/surveys", summary: "Open satisfaction surveys", tag: "Surveys", query: pageQuery, response: "SurveyPage"),
        Operation(method: "get", path: "/api/v1/surveys/{id}", summary: "A survey with its questions (open or closed)", tag: "Surveys", response: "Survey"),
        Operation(method: "post", path: "/api/v1/surveys/{id}/responses", summary: "Answer a survey once per account; 422 names each wrong answer as answers.<questionId>; 409 if closed or already answered",
                  tag: "Surveys", staff: true, body: "SurveyAnswers", response: "Survey", status: "201"),
        Operation(method: "get", path: "/api/v1/demands", summary: "Residents' demands, most supported first", tag: "Demands",
                  query: [("status", "open | adopted | declined"), ("township", "Township region id")] + pageQuery, response: "DemandPage"),
        Operation(method: "post", path: "/api/v1/demands", summary: "Post a demand for a village (you count as its first supporter)", tag: "Demands", staff: true,
                  body: "DemandInput", response: "Demand", status: "201"),
        Operation(method: "post", path: "/api/v1/demands/{id}/support", summary: "Support a demand, once per account; 409 if already supported or answered", tag: "Demands",
                  staff: true, response: "Demand"),
        Operation(method: "get", path: "/api/v1/openapi.json", summary: "This document", tag: "Meta"),
    ]

    static func json(serverURL: String) throws -> Data {
        var paths: [String: [String: Any]] = [:]
        for op in operations {
            var parameters: [[String: Any]] = []
            // Every path parameter is a record's id.
            for name in op.path.split(separator: "{").dropFirst().compactMap({ $0.split(separator: "}").first }) {
                parameters.append(["name": String(name), "in": "path", "required": true, "schema": ["type": "string", "format": "uuid"]])
            }
            for (name, description) in op.query {
                parameters.append(["name": name, "in": "query", "required": false, "description": description, "schema": ["type": "string"]])
            }
            var responses: [String: Any] = [
                "400": ref("Error", "Malformed JSON or parameters"),
                "404": ref("Error", "Not found, or outside your scope"),
                "422": ref("Error", "Field errors in error.fields"),
                "503": ref("Error", "The database cannot be reached right now; retry after Retry-After seconds"),
            ]
            if op.method != "get" {
                responses["409"] = ref("Error", "Refused by the current state of the record; the message says why")
                responses["429"] = ref("Error", "Too many requests; the message says when to try again")
            }
            if op.path.hasSuffix("/checkins") {
                // A refused code is an answer, not an error: the same shape as a success, with its outcome.
                responses["409"] = ref("CheckInResult", "Refused: duplicate, wrong activity, cancelled, waiting list, forged, expired or too early")
            }
            if let response = op.response {
                responses[op.status] = ref(response, "OK")
            } else {
                responses[op.status] = ["description": op.status == "204" ? "Deleted" : "OK"]
            }
            var operation: [String: Any] = [
                "summary": op.summary, "tags": [op.tag], "responses": responses,
                "operationId": op.method + op.path.replacingOccurrences(of: "/api/v1", with: "")
                    .split(whereSeparator: { "/{}.".contains($0) }).map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(),
            ]
            if !parameters.isEmpty { operation["parameters"] = parameters }
            if let body = op.body {
                operation["requestBody"] = ["required": true, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(body)"]]]]
            }
            if op.staff {
                operation["security"] = [["bearer": []]]
                responses["401"] = ref("Error", "No or revoked token")
                responses["403"] = ref("Error", "Outside your scope or role")
                responses["413"] = ref("Error", "Body too large")
                operation["responses"] = responses
            }
            paths[op.path, default: [:]][op.method] = operation
        }
        let document: [String: Any] = [
            "openapi": "3.1.0",
            "info": [
                "title": "CultureHub API",
                "version": "1.0.0",
                "description": "Public culture venues of the city: regions, venues, spaces, free-opening notices, activities, registrations with waiting lists, check-in, space booking, ratings, complaints, satisfaction, demands, village orders, culture staff, funding, and performance evaluation (schemes, runs, drill-down, gaps, inspections and rectification, third-party results, improvement plans). Reads are public; registering and booking need a bearer token of any account, created on the account page; staff writes act only within the staff member's scope. Errors: {\"error\":{\"code\",\"message\",\"fields\"}}. Send Accept-Language: en for English messages.",
            ],
            "servers": [["url": serverURL]],
            "paths": paths,
            "components": ["schemas": schemas.merging(orderSchemas) { a, _ in a }.merging(serviceSchemas) { a, _ in a }.merging(communitySchemas) { a, _ in a }.merging(workforceSchemas) { a, _ in a }.merging(evaluationSchemas) { a, _ in a }, "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
    }

    private static func ref(_ schema: String, _ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]]
    }

    /// The JSON Schema primitives every schema table starts from: uuid, string, integer, number,
    /// boolean, date and date-time.
    static var primitives: ([String: Any], [String: Any], [String: Any], [String: Any], [String: Any], [String: Any], [String: Any]) {
        (["type": "string", "format": "uuid"], ["type": "string"], ["type": "integer"], ["type": "number"], ["type": "boolean"],
         ["type": "string", "format": "date"], ["type": "string", "format": "date-time"])
    }

    static func object(_ props: [String: Any], required: [String] = []) -> [String: Any] {
        var o: [String: Any] = ["type": "object", "properties": props]
        if !required.isEmpty { o["required"] = required }
        return o
    }

    static func enumeration<E: CaseIterable & RawRepresentable>(_: E.Type) -> [String: Any] where E.RawValue == String {
        ["type": "string", "enum": E.allCases.map(\.rawValue)]
    }

    static func page(_ item: String) -> [String: Any] {
        object(["items": ["type": "array", "items": ["$ref": "#/components/schemas/\(item)"]],
                "page": ["type": "integer"], "per": ["type": "integer"], "total": ["type": "integer"]],
               required: ["items", "page", "per", "total"])
    }

    static var schemas: [String: Any] {
        let (uuid, str, int, num, bool, _, _) = primitives
        let hours = object(["weekday": ["type": "integer", "minimum": 1, "maximum": 7], "opens": ["type": "string", "pattern": "^\\d{2}:\\d{2}$"],
                            "closes": ["type": "string", "pattern": "^\\d{2}:\\d{2}$"]], required: ["weekday", "opens", "closes"])
        return [
            "Error": object(["error": object(["code": str, "message": str, "fields": ["type": "object", "additionalProperties": str]], required: ["code", "message"])],
                            required: ["error"]),
            "Region": object(["id": uuid, "code": str, "name": str, "kind": enumeration(RegionKind.self), "level": enumeration(RegionLevel.self),
                              "parentId": uuid, "population": int, "isRemote": bool, "isPoor": bool],
                             required: ["id", "code", "name", "kind", "level", "population", "isRemote", "isPoor"]),
            "RegionInput": object(["code": str, "name": str, "kind": enumeration(RegionKind.self), "parentId": uuid, "population": int, "isRemote": bool, "isPoor": bool]),
            "RegionPage": page("Region"),
            "Hours": hours,
            "HoursInput": object(["hours": ["type": "array", "items": ["$ref": "#/components/schemas/Hours"]]], required: ["hours"]),
            "Venue": object(["id": uuid, "name": str, "type": enumeration(VenueType.self), "tier": enumeration(RegionLevel.self),
                             "networkRole": enumeration(NetworkRole.self), "status": enumeration(VenueStatus.self), "regionId": uuid,
                             "parentVenueId": uuid, "address": str, "phone": str, "latitude": num, "longitude": num, "intro": str,
                             "accessibility": ["type": "array", "items": enumeration(AccessibilityFacility.self)],
                             "openingHours": ["type": "array", "items": ["$ref": "#/components/schemas/Hours"]]],
                            required: ["id", "name", "type", "tier", "networkRole", "status", "regionId", "address", "accessibility"]),
            "VenueInput": object(["name": str, "type": enumeration(VenueType.self), "regionId": uuid, "parentVenueId": uuid,
                                  "networkRole": enumeration(NetworkRole.self), "status": enumeration(VenueStatus.self), "address": str,
                                  "phone": str, "latitude": num, "longitude": num, "intro": str,
                                  "accessibility": ["type": "array", "items": enumeration(AccessibilityFacility.self)]]),
            "VenuePage": page("Venue"),
            "Space": object(["id": uuid, "venueId": uuid, "name": str, "kind": enumeration(SpaceKind.self), "capacity": int,
                             "areaSqm": int, "bookable": bool, "description": str], required: ["id", "venueId", "name", "kind", "capacity", "bookable"]),
            "SpaceInput": object(["name": str, "kind": enumeration(SpaceKind.self), "capacity": ["type": "integer", "minimum": 1],
                                  "areaSqm": int, "bookable": bool, "description": str]),
            "SpacePage": page("Space"),
            "Notice": object(["id": uuid, "venueId": uuid, "title": str, "freeItems": str, "content": str, "hoursText": str,
                              "validFrom": ["type": "string", "format": "date"], "validUntil": ["type": "string", "format": "date"], "isCurrent": bool],
                             required: ["id", "venueId", "title", "freeItems", "content", "hoursText", "validFrom", "isCurrent"]),
            "NoticeInput": object(["title": str, "freeItems": str, "content": str, "hoursText": str,
                                   "validFrom": ["type": "string", "format": "date"], "validUntil": ["type": "string", "format": "date"]]),
            "NoticePage": page("Notice"),
            "Activity": object(["id": uuid, "venueId": uuid, "title": str, "kind": enumeration(ServiceKind.self),
                                "targetGroups": ["type": "array", "items": enumeration(TargetGroup.self)],
                                "startsAt": ["type": "string", "format": "date-time"], "endsAt": ["type": "string", "format": "date-time"],
                                "registration": enumeration(RegistrationMode.self), "capacity": int, "remainingPlaces": int, "waitingPlaces": int,
                                "status": enumeration(ActivityStatus.self), "mode": enumeration(ActivityMode.self),
                                "streamURL": ["type": ["string", "null"]]],
                               required: ["id", "venueId", "title", "kind", "startsAt", "endsAt", "registration", "capacity", "remainingPlaces", "status"]),
            "ActivityPage": page("Activity"),
            "RegistrationInput": object(["places": ["type": "integer", "minimum": 1, "description": "Places for you and family, up to the activity's per-account limit"]]),
            "Registration": object(["id": uuid, "activityId": uuid, "places": int, "status": enumeration(RegistrationStatus.self), "checkedIn": bool,
                                    "checkInToken": ["type": "string", "description": "QR payload; only while confirmed"]],
                                   required: ["id", "activityId", "places", "status", "checkedIn"]),
            "RegistrationList": ["type": "array", "items": ["$ref": "#/components/schemas/Registration"]],
            "DeclineInput": object(["reason": ["type": "string", "maxLength": 200]], required: ["reason"]),
            "CheckInInput": object(["token": ["type": "string", "description": "The 38-character token, or the whole check-in URL"]], required: ["token"]),
            "CheckInResult": object(["outcome": ["type": "string", "enum": ["checkedIn", "duplicate", "wrongActivity", "cancelled", "notConfirmed", "forged", "expired", "tooEarly"]],
                                     "message": str, "who": ["type": "string", "description": "Masked name and phone"], "places": int], required: ["outcome", "message"]),
            "ApproveInput": object(["rate": ["type": "string", "enum": BookingRate.allCases.map(\.rawValue)], "feeFen": ["type": "integer", "minimum": 0]]),
            "BookingInput": object(["team": str, "teamId": ["type": "string", "format": "uuid", "description": "A folk art team you lead: booked at the team rate"], "phone": str, "purpose": str, "attendees": int,
                                    "startsAt": ["type": "string", "format": "date-time"], "endsAt": ["type": "string", "format": "date-time"]],
                                   required: ["phone", "purpose", "attendees", "startsAt", "endsAt"]),
            "RatingInput": object(["score": ["type": "integer", "minimum": 1, "maximum": 5], "comment": ["type": "string", "maxLength": RatingDesk.maxComment]], required: ["score"]),
            "Rating": object(["id": uuid, "score": int, "comment": ["type": ["string", "null"], "description": "null when hidden by staff"], "hiddenReason": ["type": ["string", "null"]],
                              "author": ["type": "string", "description": "Family name only"], "activityId": ["type": ["string", "null"], "format": "uuid"], "venueId": uuid,
                              "createdAt": ["type": "string", "format": "date-time"], "editableUntil": ["type": "string", "format": "date-time"]],
                             required: ["id", "score", "author", "venueId", "createdAt", "editableUntil"]),
            "RatingSummary": object(["count": int, "average": ["type": ["number", "null"]], "satisfactionRate": ["type": ["number", "null"]],
                                     "distribution": ["type": "array", "items": int, "minItems": 5, "maxItems": 5]], required: ["count", "distribution"]),
            "RatingPage": object(["summary": ["$ref": "#/components/schemas/RatingSummary"], "items": ["type": "array", "items": ["$ref": "#/components/schemas/Rating"]],
                                  "page": int, "per": int, "total": int], required: ["summary", "items", "page", "per", "total"]),
            "ComplaintInput": object(["venueId": uuid, "activityId": uuid, "kind": enumeration(ComplaintKind.self), "category": enumeration(ComplaintCategory.self),
                                      "text": ["type": "string", "maxLength": ComplaintDesk.maxText], "contact": enumeration(ContactPreference.self)],
                                     required: ["kind", "category", "text"]),
            "Complaint": object(["id": uuid, "reference": str, "kind": enumeration(ComplaintKind.self), "category": enumeration(ComplaintCategory.self),
                                 "venueId": uuid, "activityId": ["type": ["string", "null"], "format": "uuid"], "text": str, "contact": enumeration(ContactPreference.self),
                                 "status": enumeration(ComplaintStatus.self), "answer": str, "dueAt": ["type": "string", "format": "date-time"], "overdue": bool,
                                 "createdAt": ["type": "string", "format": "date-time"], "answeredAt": ["type": ["string", "null"], "format": "date-time"],
                                 "closedAt": ["type": ["string", "null"], "format": "date-time"], "upheld": ["type": "boolean", "description": "Absent until the bureau decides"]],
                                required: ["id", "reference", "kind", "category", "venueId", "text", "contact", "status", "answer", "dueAt", "overdue", "createdAt"]),
            "ComplaintPage": page("Complaint"),
            "ReasonInput": object(["reason": ["type": "string", "maxLength": ComplaintDesk.maxText]], required: ["reason"]),
            "UpheldInput": object(["upheld": bool], required: ["upheld"]),
            "AnswerInput": object(["answer": ["type": "string", "maxLength": ComplaintDesk.maxText]], required: ["answer"]),
            "Satisfaction": object(["year": int, "valid": int, "rate": ["type": ["number", "null"]],
                                    "channels": ["type": "array", "items": ["$ref": "#/components/schemas/SatisfactionChannel"]],
                                    "months": ["type": "array", "items": object(["month": int, "valid": int, "rate": ["type": ["number", "null"]],
                                                                                  "channels": ["type": "array", "items": ["$ref": "#/components/schemas/SatisfactionChannel"]]],
                                                                                 required: ["month", "valid", "channels"])]],
                                   required: ["year", "valid", "channels", "months"]),
            "SatisfactionChannel": object(["channel": ["type": "string", "enum": FeedbackChannel.allCases.map(\.rawValue)], "valid": int, "rate": ["type": ["number", "null"]]],
                                          required: ["channel", "valid"]),
            "SurveyQuestion": object(["id": uuid, "position": int, "kind": enumeration(QuestionKind.self), "text": str, "required": bool,
                                      "options": ["type": "array", "items": str], "countsForSatisfaction": bool],
                                     required: ["id", "position", "kind", "text", "required", "options", "countsForSatisfaction"]),
            "Survey": object(["id": uuid, "title": str, "intro": str, "targetKind": enumeration(SurveyTargetKind.self), "venueId": uuid, "townshipId": uuid,
                              "activityId": uuid, "status": enumeration(SurveyStatus.self),
                              "questions": ["type": "array", "items": ["$ref": "#/components/schemas/SurveyQuestion"]]],
                             required: ["id", "title", "intro", "targetKind", "status"]),
            "SurveyPage": page("Survey"),
            "SurveyAnswers": object(["answers": ["type": "object", "description": "Question id → option number (single), list of option numbers (multiple), score 1–5 (scale) or text",
                                                 "additionalProperties": ["oneOf": [["type": "integer"], ["type": "array", "items": int], ["type": "string"]]]]],
                                    required: ["answers"]),
            "DemandInput": object(["villageId": uuid, "kind": enumeration(ServiceKind.self), "description": ["type": "string", "maxLength": DemandDesk.maxText]],
                                  required: ["villageId", "kind", "description"]),
            "Demand": object(["id": uuid, "kind": enumeration(ServiceKind.self), "description": str, "villageId": uuid, "status": enumeration(DemandStatus.self),
                              "supports": int, "answer": str, "serviceItemId": uuid, "activityId": uuid, "createdAt": ["type": "string", "format": "date-time"]],
                             required: ["id", "kind", "description", "villageId", "status", "supports", "answer", "createdAt"]),
            "DemandPage": page("Demand"),
            "Booking": object(["id": uuid, "spaceId": uuid, "startsAt": ["type": "string", "format": "date-time"], "endsAt": ["type": "string", "format": "date-time"],
                               "status": enumeration(BookingStatus.self), "rate": enumeration(BookingRate.self)], required: ["id", "spaceId", "startsAt", "endsAt", "status", "rate"]),
        ]
    }

    @Sendable static func serve(req: Request) async throws -> Response {
        let data = try json(serverURL: req.settings.baseURL)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
