import Foundation

/// Reports to the culture cloud, mobile coverage, circulation and the digital catalogue in the OpenAPI document.
extension OpenAPIDocument {
    static let serviceOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/digital", summary: "Venues' digital resources, most viewed first; open them through openURL so the view counts",
                  tag: "Digital", query: [("kind", DigitalKind.allCases.map(\.rawValue).joined(separator: " | ")), ("venue", "Venue id")] + pageQuery, response: "DigitalResourcePage"),
        Operation(method: "get", path: "/api/v1/manage/reports", summary: "Activity reports in scope: due (ended, not filed, deadline ahead), missing (deadline passed), filed, failed (not delivered)",
                  tag: "Reporting", staff: true, query: [("state", "due | missing | filed | failed (default filed)")] + pageQuery, response: "ReportPage"),
        Operation(method: "post", path: "/api/v1/activities/{id}/report", summary: "File an ended activity's report (once); a figure above capacity or the recorded attendance needs excessReason and is flagged; queued for the culture cloud",
                  tag: "Reporting", staff: true, body: "ReportInput", response: "Report", status: "201"),
        Operation(method: "get", path: "/api/v1/manage/mobile-coverage", summary: "Villages reached by mobile services in a month, quarter or year, by township (remote and poverty-relief apart), and those not reached",
                  tag: "Mobile services", staff: true, query: [("period", "month | quarter | year"), ("at", "yyyy-MM-dd: the period holding this day (default today)")], response: "MobileCoverage"),
        Operation(method: "get", path: "/api/v1/manage/programmes", summary: "Procured mobile programmes (送戏下乡) in scope: provider, budget in fen, shows bought and scheduled",
                  tag: "Mobile services", staff: true, query: [("year", "Year")] + pageQuery, response: "ProgrammePage"),
        Operation(method: "post", path: "/api/v1/programmes", summary: "Register a procured programme at a venue in scope", tag: "Mobile services", staff: true,
                  body: "ProgrammeInput", response: "Programme", status: "201"),
        Operation(method: "get", path: "/api/v1/manage/village-days", summary: "Days villages in scope cannot host a mobile service, from today", tag: "Mobile services",
                  staff: true, query: pageQuery, response: "BusyDayPage"),
        Operation(method: "post", path: "/api/v1/village-days", summary: "Mark a day a village in scope cannot host; 422 for a past day or one already marked",
                  tag: "Mobile services", staff: true, body: "BusyDayInput", response: "BusyDay", status: "201"),
        Operation(method: "post", path: "/api/v1/tours/plan", summary: "Propose a tour: the order of visits from the item's venue (nearest neighbour + 2-opt), at most perDay a day, round busy days; nothing is saved",
                  tag: "Mobile services", staff: true, body: "TourInput", response: "TourPlan"),
        Operation(method: "get", path: "/api/v1/manage/circulation", summary: "Batches sent down or held in your part of the 总分馆 tree, soonest due back first",
                  tag: "Circulation", staff: true, query: [("state", "out | overdue | returned")] + pageQuery, response: "CirculationPage"),
        Operation(method: "post", path: "/api/v1/circulation", summary: "Send a book batch, touring exhibition or equipment to a venue below the sender in the tree",
                  tag: "Circulation", staff: true, body: "CirculationInput", response: "Circulation", status: "201"),
        Operation(method: "post", path: "/api/v1/circulation/{id}/return", summary: "The sender records the return; fewer than sent needs a note; 409 if already returned",
                  tag: "Circulation", staff: true, body: "CirculationReturn", response: "Circulation"),
    ]

    static var serviceSchemas: [String: Any] {
        let (uuid, str, int, _, bool, day, time) = primitives
        let nullableTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        let count = object(["villages": int, "reached": int, "rate": ["type": ["number", "null"]]], required: ["villages", "reached"])
        let row = object(["township": str, "all": count, "remote": count, "poor": count], required: ["township", "all", "remote", "poor"])
        return [
            "DigitalResource": object(["id": uuid, "venueId": uuid, "kind": enumeration(DigitalKind.self), "title": str, "description": str, "openURL": str, "views": int],
                                      required: ["id", "venueId", "kind", "title", "description", "openURL", "views"]),
            "DigitalResourcePage": page("DigitalResource"),
            "ReportInput": object(["attendance": ["type": "integer", "minimum": 0], "onlineAttendance": ["type": "integer", "minimum": 0],
                                   "summary": ["type": "string", "maxLength": ReportDesk.maxSummary], "excessReason": ["type": "string", "maxLength": 300]],
                                  required: ["attendance", "summary"]),
            "Report": object(["id": uuid, "activityId": uuid, "venueId": uuid, "dueAt": time, "submittedAt": time, "timeliness": ["type": "string", "enum": ["onTime", "late"]],
                              "attendance": int, "onlineAttendance": int, "checkedIn": int, "headcount": ["type": ["integer", "null"]], "summary": str, "flagged": bool,
                              "excessReason": str, "delivery": enumeration(ReportDelivery.self), "receipt": ["type": ["string", "null"]], "acceptedAt": nullableTime],
                             required: ["id", "activityId", "venueId", "dueAt", "submittedAt", "timeliness", "attendance", "onlineAttendance", "checkedIn", "summary", "flagged", "delivery"]),
            "DueReport": object(["activityId": uuid, "title": str, "venueId": uuid, "endsAt": time, "dueAt": nullableTime, "state": ["type": "string", "enum": ["notDue", "missing"]]],
                                required: ["activityId", "title", "venueId", "endsAt", "state"]),
            "ReportPage": object(["items": ["type": "array", "items": ["oneOf": [["$ref": "#/components/schemas/Report"], ["$ref": "#/components/schemas/DueReport"]]]],
                                  "page": int, "per": int, "total": int], required: ["items", "page", "per", "total"]),
            "MobileCoverage": object(["period": str, "visits": int, "booksLent": int, "total": row, "townships": ["type": "array", "items": row],
                                      "unserved": ["type": "array", "items": object(["id": uuid, "name": str, "township": str, "population": int, "isRemote": bool, "isPoor": bool],
                                                                                    required: ["id", "name", "township", "population", "isRemote", "isPoor"])]],
                                     required: ["period", "visits", "booksLent", "total", "townships", "unserved"]),
            "CirculationInput": object(["fromVenueId": uuid, "toVenueId": uuid, "kind": enumeration(CirculationKind.self), "description": ["type": "string", "maxLength": 200],
                                        "quantity": ["type": "integer", "minimum": 1], "sentOn": day, "dueBack": day],
                                       required: ["fromVenueId", "toVenueId", "kind", "description", "quantity", "sentOn", "dueBack"]),
            "CirculationReturn": object(["returnedOn": day, "returnedQuantity": ["type": "integer", "minimum": 0], "note": ["type": "string", "maxLength": 200]],
                                        required: ["returnedOn", "returnedQuantity"]),
            "Circulation": object(["id": uuid, "fromVenueId": uuid, "toVenueId": uuid, "kind": enumeration(CirculationKind.self), "description": str, "quantity": int,
                                   "sentOn": day, "dueBack": day, "overdue": bool, "returnedOn": ["type": ["string", "null"]], "returnedQuantity": ["type": ["integer", "null"]],
                                   "returnNote": str],
                                  required: ["id", "fromVenueId", "toVenueId", "kind", "description", "quantity", "sentOn", "dueBack", "overdue", "returnNote"]),
            "CirculationPage": page("Circulation"),
            "ProgrammeInput": object(["venueId": uuid, "year": int, "title": ["type": "string", "maxLength": 60], "provider": ["type": "string", "maxLength": 60],
                                      "budgetFen": ["type": "integer", "minimum": 1], "shows": ["type": "integer", "minimum": 1], "notes": str],
                                     required: ["venueId", "year", "title", "provider", "budgetFen", "shows"]),
            "Programme": object(["id": uuid, "venueId": uuid, "year": int, "title": str, "provider": str, "budgetFen": int, "showsPlanned": int, "showsAssigned": int, "notes": str],
                                required: ["id", "venueId", "year", "title", "provider", "budgetFen", "showsPlanned", "showsAssigned", "notes"]),
            "ProgrammePage": page("Programme"),
            "BusyDayInput": object(["villageId": uuid, "day": day, "reason": ["type": "string", "maxLength": 60]], required: ["villageId", "day", "reason"]),
            "BusyDay": object(["id": uuid, "villageId": uuid, "day": day, "reason": str], required: ["id", "villageId", "day", "reason"]),
            "BusyDayPage": page("BusyDay"),
            "TourInput": object(["itemId": uuid, "programmeId": uuid, "villageIds": ["type": "array", "items": uuid], "start": day, "perDay": ["type": "integer", "minimum": 1, "maximum": 6],
                                 "firstStart": ["type": "string", "description": "HH:mm"], "minutes": int, "audience": int, "skipWeekends": bool],
                                required: ["itemId", "villageIds", "start", "perDay"]),
            "TourPlan": object(["visits": ["type": "array", "items": object(["villageId": uuid, "day": ["type": ["string", "null"]], "starts": ["type": ["string", "null"]]], required: ["villageId"])],
                                "days": int, "roundTripKm": ["type": ["number", "null"]], "chainKm": ["type": ["number", "null"]], "tickedOrderKm": ["type": ["number", "null"]]],
                               required: ["visits", "days"]),
        ]
    }
}
