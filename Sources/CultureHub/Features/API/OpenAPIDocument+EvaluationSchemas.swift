import Foundation
import KPIMetrics

extension OpenAPIDocument {
    static var evaluationSchemas: [String: Any] {
        let (uuid, str, int, num, bool, day, time) = primitives
        let indicator = enumeration(Indicator.self)
        let list = { (item: String) -> [String: Any] in ["type": "array", "items": ["$ref": "#/components/schemas/\(item)"]] }
        let ref = { (item: String) -> [String: Any] in ["$ref": "#/components/schemas/\(item)"] }
        let rates = "Rates are fractions (0.85); counts are counts; opening hours are hours a week"
        let gap = object(["indicator": indicator, "value": num, "target": num,
                          "action": ["type": "string", "enum": ["more", "moreSuccesses", "moreCovered", "moreWeeklyHours", "moreParticipations", "cannotReach"]],
                          "amount": ["type": "number", "description": "How many more (minutes of space use for utilization; hours for weekly opening)"], "text": str],
                         required: ["indicator", "target", "action", "text"])
        let run = object(["id": uuid, "periodType": enumeration(PeriodType.self), "period": str, "firstDay": day, "lastDay": day, "status": enumeration(RunStatus.self),
                          "schemeVersion": int, "computedAt": time, "reviewedAt": time, "publishedAt": time],
                         required: ["id", "periodType", "period", "firstDay", "lastDay", "status", "computedAt"])
        let ranked = object(["unitKind": enumeration(UnitKind.self), "unitId": uuid, "unitName": str, "total": num, "rank": int,
                             "exposure": ["type": "number", "description": "Share of the period the unit was open"]],
                            required: ["unitKind", "unitId", "unitName", "total", "rank", "exposure"])
        let task = object(["id": uuid, "inspectionId": uuid, "venueId": uuid, "finding": str, "deadline": day, "status": enumeration(RectificationStatus.self), "overdue": bool,
                           "response": str, "hasEvidencePhoto": bool, "reopenReason": str, "respondedAt": time, "verifiedAt": time],
                          required: ["id", "inspectionId", "venueId", "finding", "deadline", "status", "overdue", "response", "hasEvidencePhoto", "reopenReason"])
        let measure = object(["id": uuid, "planId": uuid, "measure": str, "owner": str, "deadline": day, "indicators": ["type": "array", "items": indicator],
                              "progress": int, "progressNote": str, "updatedAt": time],
                             required: ["id", "planId", "measure", "owner", "deadline", "indicators", "progress", "progressNote", "updatedAt"])
        let plan = object(["id": uuid, "unitKind": enumeration(UnitKind.self), "unitId": uuid, "unitName": str, "year": int, "summary": str, "createdAt": time,
                           "measures": list("Measure")], required: ["id", "unitKind", "unitId", "unitName", "year", "summary", "createdAt", "measures"])
        return [
            "SchemeItem": object(["indicator": indicator, "weight": num, "target": ["type": "number", "description": rates]], required: ["indicator", "weight", "target"]),
            "Deduction": object(["kind": enumeration(DeductionKind.self), "pointsEach": num, "cap": num], required: ["kind", "pointsEach", "cap"]),
            "Scheme": object(["periodType": enumeration(PeriodType.self), "version": int, "total": int, "note": str, "createdAt": time,
                              "items": list("SchemeItem"), "deductions": list("Deduction")],
                             required: ["periodType", "version", "total", "note", "createdAt", "items", "deductions"]),
            "SchemeList": list("Scheme"),
            "SchemeInput": object(["periodType": enumeration(PeriodType.self), "total": ["type": "integer", "enum": [100, 1000]], "note": ["type": "string", "maxLength": 200],
                                   "items": list("SchemeItem"), "deductions": list("Deduction")], required: ["periodType", "total", "items"]),
            "Run": run,
            "RunPage": page("Run"),
            "RankedUnit": ranked,
            "RunDetail": object(["run": ref("Run"), "schemeTotal": int, "townships": list("RankedUnit"), "venues": list("RankedUnit")],
                                required: ["run", "schemeTotal", "townships", "venues"]),
            "RunInput": object(["periodType": enumeration(PeriodType.self), "period": ["type": "string", "description": "2026-10, 2026-Q4 or 2026"]], required: ["periodType", "period"]),
            "ItemScore": object(["indicator": indicator, "weight": num, "target": ["type": "number", "description": rates + "; count targets scaled for a unit open part of the period"],
                                 "value": ["type": "number", "description": "Absent when there is no data"], "numerator": num, "denominator": num,
                                 "points": ["type": "number", "description": "Absent when there is no data (the item is left out and the rest scaled up)"], "met": bool],
                                required: ["indicator", "weight", "target", "numerator"]),
            "Gap": gap,
            "UnitResult": object(["runId": uuid, "period": str, "status": enumeration(RunStatus.self), "unitKind": enumeration(UnitKind.self), "unitId": uuid, "unitName": str,
                                  "total": num, "rank": int, "exposure": num, "earned": num, "possible": num, "scaled": num,
                                  "deductions": ["type": "object", "additionalProperties": num], "items": list("ItemScore"),
                                  "inputs": ["type": "object", "description": "The frozen aggregates the figures came from", "additionalProperties": int],
                                  "shortBy": list("Gap")],
                                 required: ["runId", "period", "status", "unitKind", "unitId", "unitName", "total", "rank", "exposure", "earned", "possible", "scaled",
                                            "deductions", "items", "inputs", "shortBy"]),
            "DiffList": ["type": "array", "items": object(["unitId": uuid, "unitName": str, "publishedTotal": num, "todayTotal": num,
                                                           "figures": ["type": "array", "items": object(["indicator": indicator, "published": num, "today": num], required: ["indicator"])]],
                                                          required: ["unitId", "unitName", "publishedTotal", "todayTotal", "figures"])],
            "ShortfallList": ["type": "array", "items": object(["unitKind": enumeration(UnitKind.self), "unitId": uuid, "unitName": str, "periodType": enumeration(PeriodType.self),
                                                                "period": str, "lastDay": day, "scoreSoFar": num, "gaps": list("Gap")],
                                                               required: ["unitKind", "unitId", "unitName", "periodType", "period", "lastDay", "scoreSoFar", "gaps"])],
            "IntegrityFlagList": ["type": "array", "items": object(["rule": enumeration(IntegrityRule.self), "activityId": uuid, "activity": str, "venue": str, "endedAt": time, "detail": str],
                                                                   required: ["rule", "activityId", "activity", "venue", "endedAt", "detail"])],
            "RectificationTask": task,
            "RectificationTaskPage": page("RectificationTask"),
            "Inspection": object(["id": uuid, "venueId": uuid, "inspectedOn": day, "inspector": str, "unannounced": bool, "summary": str, "hasPhoto": bool,
                                  "items": ["type": "array", "items": object(["item": enumeration(InspectionChecklist.self), "passed": bool, "note": str], required: ["item", "passed", "note"])],
                                  "tasks": list("RectificationTask")],
                                 required: ["id", "venueId", "inspectedOn", "inspector", "unannounced", "summary", "hasPhoto", "items"]),
            "InspectionPage": page("Inspection"),
            "InspectionInput": object(["venueId": uuid, "inspectedOn": day, "inspector": ["type": "string", "maxLength": 60], "unannounced": bool,
                                       "summary": ["type": "string", "maxLength": 1000], "deadline": day,
                                       "items": ["type": "array", "items": object(["item": enumeration(InspectionChecklist.self), "result": ["type": "string", "enum": ["pass", "fail", "na"]],
                                                                                   "note": ["type": "string", "maxLength": 300, "description": "Required for a failed item"]], required: ["item", "result"])]],
                                      required: ["venueId", "inspectedOn", "inspector", "items"]),
            "ResponseInput": object(["response": ["type": "string", "maxLength": 1000]], required: ["response"]),
            "ThirdPartyResultPage": page("ThirdPartyResult"),
            "ThirdPartyResult": object(["id": uuid, "batchId": uuid, "venueId": uuid, "surveyedOn": day, "score": int, "count": int, "source": str, "createdAt": time],
                                       required: ["id", "batchId", "venueId", "surveyedOn", "score", "count", "source", "createdAt"]),
            "ThirdPartyInput": object(["source": ["type": "string", "maxLength": 100],
                                       "rows": ["type": "array", "items": object(["venueId": uuid, "date": day, "score": ["type": "integer", "minimum": 1, "maximum": 5],
                                                                                  "count": ["type": "integer", "minimum": 1, "maximum": 100_000]], required: ["venueId", "date", "score", "count"])]],
                                      required: ["rows"]),
            "ThirdPartyBatch": object(["batchId": uuid, "rows": int, "scores": int], required: ["batchId", "rows", "scores"]),
            "Measure": measure,
            "Plan": plan,
            "PlanFilingList": ["type": "array", "items": object(["unitKind": enumeration(UnitKind.self), "unitId": uuid, "unitName": str, "plan": ref("Plan")],
                                                                required: ["unitKind", "unitId", "unitName"])],
            "PlanInput": object(["year": int, "summary": ["type": "string", "maxLength": 1000]], required: ["year", "summary"]),
            "MeasureInput": object(["measure": ["type": "string", "maxLength": 300], "owner": ["type": "string", "maxLength": 60], "deadline": day,
                                    "indicators": ["type": "array", "items": indicator, "minItems": 1]], required: ["measure", "owner", "deadline", "indicators"]),
            "ProgressInput": object(["progress": ["type": "integer", "minimum": 0, "maximum": 100], "note": ["type": "string", "maxLength": 300]], required: ["progress"]),
        ]
    }
}
