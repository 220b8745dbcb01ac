import Foundation

/// Village orders (点单) in the OpenAPI document.
extension OpenAPIDocument {
    static let orderOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/manage/orders", summary: "Orders your villages placed and orders to your venues, soonest answer deadline first",
                  tag: "Orders", staff: true, query: [("status", OrderStatus.allCases.map(\.rawValue).joined(separator: " | ")), ("side", "village | venue")] + pageQuery,
                  response: "OrderPage"),
        Operation(method: "post", path: "/api/v1/orders", summary: "Order an orderable menu item for a village in your scope; the quantity is held at once (422 names a quantity beyond what is left)",
                  tag: "Orders", staff: true, body: "OrderInput", response: "Order", status: "201"),
        Operation(method: "get", path: "/api/v1/orders/{id}", summary: "One order on either side of it", tag: "Orders", staff: true, response: "Order"),
        Operation(method: "post", path: "/api/v1/orders/{id}/accept", summary: "Venue: accept and schedule within the window; creates the mobile activity in the village",
                  tag: "Orders", staff: true, body: "ScheduleInput", response: "Order"),
        Operation(method: "post", path: "/api/v1/orders/{id}/propose", summary: "Venue: propose another date (note required); the village confirms or refuses",
                  tag: "Orders", staff: true, body: "ScheduleInput", response: "Order"),
        Operation(method: "post", path: "/api/v1/orders/{id}/decline", summary: "Venue: decline with a reason; the quantity goes back", tag: "Orders", staff: true,
                  body: "ReasonInput", response: "Order"),
        Operation(method: "post", path: "/api/v1/orders/{id}/confirm", summary: "Village: accept the proposed date; creates the activity", tag: "Orders", staff: true, response: "Order"),
        Operation(method: "post", path: "/api/v1/orders/{id}/refuse", summary: "Village: refuse the proposed date with a reason; the order ends", tag: "Orders", staff: true,
                  body: "ReasonInput", response: "Order"),
        Operation(method: "post", path: "/api/v1/orders/{id}/withdraw", summary: "Village: withdraw before the venue accepts, with a reason", tag: "Orders", staff: true,
                  body: "ReasonInput", response: "Order"),
        Operation(method: "post", path: "/api/v1/orders/{id}/deliver", summary: "Village: confirm delivery after the activity has ended", tag: "Orders", staff: true,
                  body: "DeliveryInput", response: "Order"),
        Operation(method: "post", path: "/api/v1/orders/{id}/ratings", summary: "Rate an order 1–5 (changeable for 7 days; counts in the venue's satisfaction): the village's staff once delivered, villagers (home village or checked in) once held",
                  tag: "Orders", staff: true, body: "RatingInput", response: "Rating", status: "201"),
    ]

    static var orderSchemas: [String: Any] {
        let (uuid, str, int, _, _, day, _) = primitives
        let time: [String: Any] = ["type": ["string", "null"], "format": "date-time"]
        return [
            "OrderInput": object(["itemId": uuid, "villageId": uuid, "quantity": int, "windowStart": day, "windowEnd": day, "expectedAudience": int,
                                  "contact": ["type": "string", "maxLength": 60], "notes": ["type": "string", "maxLength": OrderDesk.maxText]],
                                 required: ["itemId", "villageId", "quantity", "windowStart", "windowEnd", "expectedAudience", "contact"]),
            "ScheduleInput": object(["date": day, "starts": ["type": "string", "description": "HH:mm, local time"], "ends": ["type": "string", "description": "HH:mm, local time"],
                                     "location": str, "registration": enumeration(RegistrationMode.self), "note": ["type": "string", "description": "Required when proposing"]],
                                    required: ["date", "starts", "ends"]),
            "DeliveryInput": object(["note": ["type": "string", "maxLength": OrderDesk.maxText]]),
            "Order": object(["id": uuid, "itemId": uuid, "itemTitle": str, "venueId": uuid, "villageId": uuid, "quantity": int, "period": str,
                             "windowStart": day, "windowEnd": day, "expectedAudience": int, "contact": str, "notes": str, "status": enumeration(OrderStatus.self),
                             "overdue": ["type": "boolean"], "orderedAt": ["type": "string", "format": "date-time"], "decisionDue": ["type": "string", "format": "date-time"],
                             "decidedAt": time, "reason": str, "proposedStartsAt": time, "proposedEndsAt": time, "proposalNote": str,
                             "activityId": ["type": ["string", "null"], "format": "uuid"], "scheduledStartsAt": time, "deliveredAt": time, "deliveryNote": str],
                            required: ["id", "itemId", "venueId", "villageId", "quantity", "period", "windowStart", "windowEnd", "status", "overdue", "orderedAt", "decisionDue"]),
            "OrderPage": page("Order"),
        ]
    }
}
