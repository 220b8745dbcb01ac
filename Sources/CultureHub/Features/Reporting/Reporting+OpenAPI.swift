import Foundation

/// Activity reports to the culture cloud in the OpenAPI document.
extension OpenAPIDocument {
    static let reportingOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/manage/reports",
                  summary: "Activity reports in scope: due (ended, not filed, deadline ahead), missing (deadline passed), filed, failed (not delivered)",
                  tag: "Reporting", staff: true,
                  query: [("state", "due | missing | filed | failed (default filed)")] + pageQuery,
                  response: "ReportPage"),
        Operation(method: "post", path: "/api/v1/activities/{id}/report",
                  summary: "File an ended activity's report (once); a figure above capacity or the recorded attendance needs excessReason and is flagged; queued for the culture cloud",
                  tag: "Reporting", staff: true, body: "ReportInput", response: "Report", status: "201"),
    ]

    static var reportingSchemas: [String: Any] {
        let (uuid, str, int, _, bool, _, time) = primitives
        let nullableTime: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        return [
            "ReportInput": object(["attendance": ["type": "integer", "minimum": 0],
                                   "onlineAttendance": ["type": "integer", "minimum": 0],
                                   "summary": ["type": "string", "maxLength": ReportDesk.maxSummary],
                                   "excessReason": ["type": "string", "maxLength": 300]],
                                  required: ["attendance", "summary"]),
            "Report": object(["id": uuid, "activityId": uuid, "venueId": uuid, "dueAt": time, "submittedAt": time,
                              "timeliness": ["type": "string", "enum": ["onTime", "late"]], "attendance": int,
                              "onlineAttendance": int, "checkedIn": int, "headcount": ["type": ["integer", "null"]],
                              "summary": str, "flagged": bool, "excessReason": str,
                              "delivery": enumeration(ReportDelivery.self), "receipt": ["type": ["string", "null"]],
                              "acceptedAt": nullableTime],
                             required: ["id", "activityId", "venueId", "dueAt", "submittedAt", "timeliness",
                                        "attendance", "onlineAttendance", "checkedIn", "summary", "flagged",
                                        "delivery"]),
            "DueReport": object(["activityId": uuid, "title": str, "venueId": uuid, "endsAt": time,
                                 "dueAt": nullableTime, "state": ["type": "string", "enum": ["notDue", "missing"]]],
                                required: ["activityId", "title", "venueId", "endsAt", "state"]),
            "ReportPage": object(["items": ["type": "array",
                                            "items": ["oneOf": [["$ref": "#/components/schemas/Report"],
                                                                ["$ref": "#/components/schemas/DueReport"]]]],
                                  "page": int, "per": int, "total": int], required: ["items", "page", "per", "total"]),
        ]
    }
}
