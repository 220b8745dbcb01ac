import Foundation

/// Mobile services: coverage, procured programmes, village busy days and tours in the OpenAPI document.
extension OpenAPIDocument {
    static let mobileServiceOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/manage/mobile-coverage",
                  summary: "Villages reached by mobile services in a month, quarter or year, by township (remote and poverty-relief apart), and those not reached",
                  tag: "Mobile services", staff: true,
                  query: [("period", "month | quarter | year"),
                          ("at", "yyyy-MM-dd: the period holding this day (default today)")],
                  response: "MobileCoverage"),
        Operation(method: "get", path: "/api/v1/manage/programmes",
                  summary: "Procured mobile programmes (送戏下乡) in scope: provider, budget in fen, shows bought and scheduled",
                  tag: "Mobile services", staff: true, query: [("year", "Year")] + pageQuery,
                  response: "ProgrammePage"),
        Operation(method: "post", path: "/api/v1/programmes",
                  summary: "Register a procured programme at a venue in scope", tag: "Mobile services", staff: true,
                  body: "ProgrammeInput", response: "Programme", status: "201"),
        Operation(method: "get", path: "/api/v1/manage/village-days",
                  summary: "Days villages in scope cannot host a mobile service, from today", tag: "Mobile services",
                  staff: true, query: pageQuery, response: "BusyDayPage"),
        Operation(method: "post", path: "/api/v1/village-days",
                  summary: "Mark a day a village in scope cannot host; 422 for a past day or one already marked",
                  tag: "Mobile services", staff: true, body: "BusyDayInput", response: "BusyDay", status: "201"),
        Operation(method: "post", path: "/api/v1/tours/plan",
                  summary: "Propose a tour: the order of visits from the item's venue (nearest neighbour + 2-opt), at most perDay a day, round busy days; nothing is saved",
                  tag: "Mobile services", staff: true, body: "TourInput", response: "TourPlan"),
    ]

    static var mobileServiceSchemas: [String: Any] {
        let (uuid, str, int, _, bool, day, _) = primitives
        let count = object(["villages": int, "reached": int, "rate": ["type": ["number", "null"]]],
                           required: ["villages", "reached"])
        let row = object(["township": str, "all": count, "remote": count, "poor": count],
                         required: ["township", "all", "remote", "poor"])
        return [
            "MobileCoverage": object(["period": str, "visits": int, "booksLent": int, "total": row,
                                      "townships": ["type": "array", "items": row],
                                      "unserved": ["type": "array",
                                                   "items": object(["id": uuid, "name": str, "township": str,
                                                                    "population": int, "isRemote": bool,
                                                                    "isPoor": bool],
                                                                   required: ["id", "name", "township", "population",
                                                                              "isRemote", "isPoor"])]],
                                     required: ["period", "visits", "booksLent", "total", "townships", "unserved"]),
            "ProgrammeInput": object(["venueId": uuid, "year": int, "title": ["type": "string", "maxLength": 60],
                                      "provider": ["type": "string", "maxLength": 60],
                                      "budgetFen": ["type": "integer", "minimum": 1],
                                      "shows": ["type": "integer", "minimum": 1], "notes": str],
                                     required: ["venueId", "year", "title", "provider", "budgetFen", "shows"]),
            "Programme": object(["id": uuid, "venueId": uuid, "year": int, "title": str, "provider": str,
                                 "budgetFen": int, "showsPlanned": int, "showsAssigned": int, "notes": str],
                                required: ["id", "venueId", "year", "title", "provider", "budgetFen", "showsPlanned",
                                           "showsAssigned", "notes"]),
            "ProgrammePage": page("Programme"),
            "BusyDayInput": object(["villageId": uuid, "day": day, "reason": ["type": "string", "maxLength": 60]],
                                   required: ["villageId", "day", "reason"]),
            "BusyDay": object(["id": uuid, "villageId": uuid, "day": day, "reason": str],
                              required: ["id", "villageId", "day", "reason"]),
            "BusyDayPage": page("BusyDay"),
            "TourInput": object(["itemId": uuid, "programmeId": uuid, "villageIds": ["type": "array", "items": uuid],
                                 "start": day, "perDay": ["type": "integer", "minimum": 1, "maximum": 6],
                                 "firstStart": ["type": "string", "description": "HH:mm"], "minutes": int,
                                 "audience": int, "skipWeekends": bool],
                                required: ["itemId", "villageIds", "start", "perDay"]),
            "TourPlan": object(["visits": ["type": "array",
                                           "items": object(["villageId": uuid, "day": ["type": ["string", "null"]],
                                                            "starts": ["type": ["string", "null"]]],
                                                           required: ["villageId"])], "days": int,
                                "roundTripKm": ["type": ["number", "null"]], "chainKm": ["type": ["number", "null"]],
                                "tickedOrderKm": ["type": ["number", "null"]]], required: ["visits", "days"]),
        ]
    }
}
