import Foundation
import Workforce

/// Culture staff, training and funding in the OpenAPI document (R7.1–R7.3).
extension OpenAPIDocument {
    static let workforceOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/manage/staff-members", summary: "Culture staff posts in scope (phones masked)", tag: "Staff",
                  staff: true, query: [("current", "true: only those in post today")] + pageQuery, response: "StaffMemberPage"),
        Operation(method: "post", path: "/api/v1/staff-members", summary: "Register a post at a unit in scope; 422 if the person already holds an overlapping full-time post",
                  tag: "Staff", staff: true, body: "StaffMemberInput", response: "StaffMember", status: "201"),
        Operation(method: "post", path: "/api/v1/staff-members/{id}/end", summary: "Record that someone left a post", tag: "Staff", staff: true,
                  body: "EndPostInput", response: "StaffMember"),
        Operation(method: "get", path: "/api/v1/manage/staffing-gaps", summary: "Townships against the full-time staffing rule (short since when), and villages with nobody in post",
                  tag: "Staff", staff: true, response: "StaffingGaps"),
        Operation(method: "get", path: "/api/v1/manage/training-compliance", summary: "Each person's training days against the year's requirement, pro rata; behind = below the share due by today",
                  tag: "Training", staff: true, query: [("year", "Year"), ("behind", "true: only those behind")] + pageQuery, response: "TrainingCompliancePage"),
        Operation(method: "post", path: "/api/v1/training-courses", summary: "Record a course; its days may not exceed the days from start to end", tag: "Training",
                  staff: true, body: "CourseInput", response: "Course", status: "201"),
        Operation(method: "post", path: "/api/v1/training-courses/{id}/attendance", summary: "Record who attended and the days credited (at most the course's)", tag: "Training",
                  staff: true, body: "AttendanceInput", response: "Attendance", status: "201"),
        Operation(method: "get", path: "/api/v1/manage/funding", summary: "Per unit: budget and spending by category (fen), execution rate, activities, participation and unit costs",
                  tag: "Funding", staff: true, query: [("year", "Year")], response: "FundingRows"),
        Operation(method: "post", path: "/api/v1/budget-lines", summary: "Record a unit's budget for a year, category and source (once each)", tag: "Funding",
                  staff: true, body: "BudgetInput", response: "BudgetLine", status: "201"),
        Operation(method: "post", path: "/api/v1/expenditures", summary: "Record spending; beyond the budget line it needs overrideReason (422 says what is left)", tag: "Funding",
                  staff: true, body: "ExpenditureInput", response: "Expenditure", status: "201"),
    ]

    static var workforceSchemas: [String: Any] {
        let (uuid, str, int, num, bool, day, _) = primitives
        let fen: [String: Any] = ["type": "integer", "description": "fen (1/100 yuan)"]
        let byKind: [String: Any] = ["type": "object", "additionalProperties": num]
        let byCategory: [String: Any] = ["type": "object", "additionalProperties": fen]
        let member = object(["id": uuid, "name": str, "phone": ["type": "string", "description": "masked"], "venueId": uuid, "tier": enumeration(UnitTier.self),
                             "postType": enumeration(PostType.self), "position": str, "startsOn": day, "endsOn": ["type": ["string", "null"]], "subsidyFen": int],
                            required: ["id", "name", "phone", "venueId", "tier", "postType", "position", "startsOn", "subsidyFen"])
        return [
            "StaffMember": member,
            "StaffMemberPage": page("StaffMember"),
            "StaffMemberInput": object(["name": str, "phone": str, "venueId": uuid, "postType": enumeration(PostType.self), "position": str, "startsOn": day, "endsOn": day,
                                        "subsidyFen": ["type": "integer", "minimum": 0, "maximum": StaffRegisterDesk.maxSubsidyFen]],
                                       required: ["name", "phone", "venueId", "postType", "position", "startsOn"]),
            "EndPostInput": object(["endsOn": day], required: ["endsOn"]),
            "StaffingGaps": object(["townships": ["type": "array", "items": object(["townshipId": uuid, "name": str, "population": int, "required": int, "inPost": int,
                                                                                   "shortSince": ["type": ["string", "null"]]], required: ["townshipId", "name", "population", "required", "inPost"])],
                                    "villagesWithoutStaff": ["type": "array", "items": uuid]], required: ["townships", "villagesWithoutStaff"]),
            "TrainingPerson": object(["name": str, "phone": str, "unit": str, "required": byKind, "credited": byKind, "expectedByNow": byKind, "compliant": bool, "behind": bool],
                                     required: ["name", "phone", "unit", "required", "credited", "expectedByNow", "compliant", "behind"]),
            "TrainingCompliancePage": page("TrainingPerson"),
            "CourseInput": object(["title": str, "provider": str, "kind": enumeration(TrainingKind.self), "level": enumeration(TrainingLevel.self), "startsOn": day, "endsOn": day,
                                   "days": ["type": "number", "minimum": 0.5, "multipleOf": 0.5]], required: ["title", "provider", "kind", "level", "startsOn", "endsOn", "days"]),
            "Course": object(["id": uuid, "title": str, "provider": str, "kind": enumeration(TrainingKind.self), "level": enumeration(TrainingLevel.self), "startsOn": day, "endsOn": day, "days": num],
                             required: ["id", "title", "provider", "kind", "level", "startsOn", "endsOn", "days"]),
            "AttendanceInput": object(["memberId": uuid, "days": ["type": "number", "minimum": 0.5, "multipleOf": 0.5], "certificateNote": str], required: ["memberId"]),
            "Attendance": object(["id": uuid, "courseId": uuid, "memberId": uuid, "days": num, "certificateNote": str], required: ["id", "courseId", "memberId", "days", "certificateNote"]),
            "FundingRows": ["type": "array", "items": object(["venueId": uuid, "venue": str, "budgetFen": byCategory, "spentFen": byCategory, "executionRate": ["type": ["number", "null"]],
                                                              "activities": int, "participation": int, "costPerActivityFen": ["type": ["integer", "null"]], "costPerParticipationFen": ["type": ["integer", "null"]]],
                                                             required: ["venueId", "venue", "budgetFen", "spentFen", "activities", "participation"])],
            "BudgetInput": object(["venueId": uuid, "year": int, "category": enumeration(BudgetCategory.self), "source": enumeration(FundingSource.self),
                                   "amountFen": ["type": "integer", "minimum": 1, "maximum": FundingDesk.maxAmountFen], "note": str],
                                  required: ["venueId", "year", "category", "source", "amountFen"]),
            "BudgetLine": object(["id": uuid, "venueId": uuid, "year": int, "category": enumeration(BudgetCategory.self), "source": enumeration(FundingSource.self), "amountFen": fen],
                                 required: ["id", "venueId", "year", "category", "source", "amountFen"]),
            "ExpenditureInput": object(["venueId": uuid, "spentOn": day, "category": enumeration(BudgetCategory.self), "amountFen": ["type": "integer", "minimum": 1, "maximum": FundingDesk.maxAmountFen],
                                        "voucher": str, "overrideReason": str], required: ["venueId", "spentOn", "category", "amountFen", "voucher"]),
            "Expenditure": object(["id": uuid, "venueId": uuid, "spentOn": day, "category": enumeration(BudgetCategory.self), "amountFen": fen, "voucher": str, "overrideReason": str],
                                  required: ["id", "venueId", "spentOn", "category", "amountFen", "voucher", "overrideReason"]),
        ]
    }
}
