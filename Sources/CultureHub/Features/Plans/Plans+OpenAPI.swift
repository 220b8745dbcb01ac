import Foundation
import KPIMetrics

/// Efficiency-improvement plans (R8.3) in the OpenAPI document.
extension OpenAPIDocument {
    static let planOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/manage/plans",
                  summary: "Each of your units with its efficiency-improvement plan for the year, or null if not filed",
                  tag: "Plans", staff: true, query: [("year", "Year, default this year")], response: "PlanFilingList"),
        Operation(method: "post", path: "/api/v1/plans",
                  summary: "File the year's plan for your own township or city venue (once a year)", tag: "Plans",
                  staff: true, body: "PlanInput", response: "Plan", status: "201"),
        Operation(method: "post", path: "/api/v1/plans/{id}/measures",
                  summary: "Add a measure with its owner, deadline and the indicators it targets", tag: "Plans",
                  staff: true, body: "MeasureInput", response: "Measure", status: "201"),
        Operation(method: "post", path: "/api/v1/plan-measures/{id}/progress",
                  summary: "Record a measure's progress (0–100 %)", tag: "Plans", staff: true, body: "ProgressInput",
                  response: "Measure"),
    ]

    static var planSchemas: [String: Any] {
        let (uuid, str, int, _, _, day, time) = primitives
        let indicator = enumeration(Indicator.self)
        let measure = object(["id": uuid, "planId": uuid, "measure": str, "owner": str, "deadline": day,
                              "indicators": ["type": "array", "items": indicator], "progress": int, "progressNote": str,
                              "updatedAt": time],
                             required: ["id", "planId", "measure", "owner", "deadline", "indicators", "progress",
                                        "progressNote", "updatedAt"])
        let plan = object(["id": uuid, "unitKind": enumeration(UnitKind.self), "unitId": uuid, "unitName": str,
                           "year": int, "summary": str, "createdAt": time, "measures": list("Measure")],
                          required: ["id", "unitKind", "unitId", "unitName", "year", "summary", "createdAt",
                                     "measures"])
        return [
            "Measure": measure,
            "Plan": plan,
            "PlanFilingList": ["type": "array",
                               "items": object(["unitKind": enumeration(UnitKind.self), "unitId": uuid, "unitName": str,
                                                "plan": ref("Plan")], required: ["unitKind", "unitId", "unitName"])],
            "PlanInput": object(["year": int, "summary": ["type": "string", "maxLength": 1000]],
                                required: ["year", "summary"]),
            "MeasureInput": object(["measure": ["type": "string", "maxLength": 300],
                                    "owner": ["type": "string", "maxLength": 60], "deadline": day,
                                    "indicators": ["type": "array", "items": indicator, "minItems": 1]],
                                   required: ["measure", "owner", "deadline", "indicators"]),
            "ProgressInput": object(["progress": ["type": "integer", "minimum": 0, "maximum": 100],
                                     "note": ["type": "string", "maxLength": 300]], required: ["progress"]),
        ]
    }
}
