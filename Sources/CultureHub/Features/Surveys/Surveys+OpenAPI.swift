import Foundation

/// Satisfaction surveys in the OpenAPI document.
extension OpenAPIDocument {
    static let surveyOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/surveys", summary: "Open satisfaction surveys", tag: "Surveys",
                  query: pageQuery, response: "SurveyPage"),
        Operation(method: "get", path: "/api/v1/surveys/{id}", summary: "A survey with its questions (open or closed)",
                  tag: "Surveys", response: "Survey"),
        Operation(method: "post", path: "/api/v1/surveys/{id}/responses",
                  summary: "Answer a survey once per account; 422 names each wrong answer as answers.<questionId>; 409 if closed or already answered",
                  tag: "Surveys", staff: true, body: "SurveyAnswers", response: "Survey", status: "201"),
    ]

    static var surveySchemas: [String: Any] {
        let (uuid, str, int, _, bool, _, _) = primitives
        return [
            "SurveyQuestion": object(["id": uuid, "position": int, "kind": enumeration(QuestionKind.self), "text": str,
                                      "required": bool, "options": ["type": "array", "items": str],
                                      "countsForSatisfaction": bool],
                                     required: ["id", "position", "kind", "text", "required", "options",
                                                "countsForSatisfaction"]),
            "Survey": object(["id": uuid, "title": str, "intro": str, "targetKind": enumeration(SurveyTargetKind.self),
                              "venueId": uuid, "townshipId": uuid, "activityId": uuid,
                              "status": enumeration(SurveyStatus.self),
                              "questions": ["type": "array", "items": ["$ref": "#/components/schemas/SurveyQuestion"]]],
                             required: ["id", "title", "intro", "targetKind", "status"]),
            "SurveyPage": page("Survey"),
            "SurveyAnswers": object(["answers": ["type": "object",
                                                 "description": "Question id → option number (single), list of option numbers (multiple), score 1–5 (scale) or text",
                                                 "additionalProperties": ["oneOf": [["type": "integer"],
                                                                                    ["type": "array", "items": int],
                                                                                    ["type": "string"]]]]],
                                    required: ["answers"]),
        ]
    }
}
