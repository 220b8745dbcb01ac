import Foundation
import Vapor

/// The OpenAPI 3.1 description of `/api/v1` (R9.3), assembled from the part each feature writes
/// by hand next to its DTOs (`Features/<Feature>/<Feature>+OpenAPI.swift`); a test checks that
/// every registered API route appears here with its method.
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

    /// Every feature's operations; each method and path appears once.
    static var operations: [Operation] {
        let parts: [[Operation]] = [
            regionOperations, venueOperations, spaceOperations, noticeOperations, activityOperations,
            registrationOperations, feedbackOperations, surveyOperations, demandOperations, metaOperations,
            orderOperations, digitalOperations, reportingOperations, mobileServiceOperations, circulationOperations,
            volunteerOperations, teamOperations, workOperations, campaignOperations, workforceOperations,
            evaluationOperations, inspectionOperations, planOperations,
        ]
        return parts.flatMap { $0 }
    }

    static let metaOperations: [Operation] = [
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
            if op.method != "get" { parameters.append(["$ref": "#/components/parameters/IdempotencyKey"]) }
            var responses: [String: Any] = [
                "400": ref("Error", "Malformed JSON or parameters"),
                "404": ref("Error", "Not found, or outside your scope"),
                "422": ref("Error", "Field errors in error.fields"),
                "503": ref("Error", "The database cannot be reached right now; retry after Retry-After seconds"),
            ]
            if op.method != "get" {
                responses["409"] = ref("Error", "Refused by the current state of the record, or the request with the same "
                                           + "Idempotency-Key is still being processed (request_in_progress); the message says why")
                responses["422"] = ref("Error", "Field errors in error.fields; or the Idempotency-Key was already used "
                                           + "for a different request (idempotency_key_reused)")
                responses["429"] = ref("Error", "Too many requests; the message says when to try again")
                // Citizens' actions refuse staff tokens, and a feature's own rule may refuse an account.
                responses["403"] = ref("Error", "Not for this account: staff do not act as citizens, "
                                           + "or outside your scope or role; or the token is read-only (token_read_only)")
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
                responses["401"] = ref("Error", "No token, or a revoked or expired one")
                responses["403"] = ref("Error", op.method == "get"
                    ? "Outside your scope or role; or the account must change its password first (password_change_required)"
                    : "Outside your scope or role; the token is read-only (token_read_only); "
                        + "or the account must change its password first (password_change_required)")
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
                "description": "Public culture venues of the city: regions, venues, spaces, free-opening notices, activities, registrations with waiting lists, check-in, space booking, ratings, complaints, satisfaction, demands, village orders, culture staff, funding, and performance evaluation (schemes, runs, drill-down, gaps, inspections and rectification, third-party results, improvement plans). Reads are public; registering, booking, rating, complaining and volunteering need a citizen account's bearer token, created on the account page; staff writes act only within the staff member's scope. Tokens expire (7, 30 or 90 days, chosen at creation) and are read-only unless created for writing: a read-only token gets 403 token_read_only on any call but GET; a staff account whose initial, reset or expired password must be changed gets 403 password_change_required until it is changed on the website, and changing or resetting a password revokes every token of the account. Every write accepts an optional Idempotency-Key header (1–100 printable ASCII characters, best a UUID): a retry with the same key and request within 24 hours answers with the first successful result, marked Idempotent-Replayed: true, instead of writing twice. Errors: {\"error\":{\"code\",\"message\",\"fields\"}}. Send Accept-Language: en for English messages.",
            ],
            "servers": [["url": serverURL]],
            "paths": paths,
            "components": ["schemas": schemas, "parameters": ["IdempotencyKey": idempotencyKey],
                           "securitySchemes": ["bearer": ["type": "http", "scheme": "bearer"]]],
        ]
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys, .prettyPrinted])
    }

    /// The optional header every write honours (`IdempotencyMiddleware`).
    static var idempotencyKey: [String: Any] { [
        "name": IdempotencyMiddleware.header, "in": "header", "required": false,
        "description": "Makes a retry safe: send the same key (a fresh UUID per new request) with the same request again "
            + "within 24 hours and get the first successful answer back, with the header Idempotent-Replayed: true, "
            + "instead of a second record. Only successful answers are remembered; an error may be retried with the "
            + "same key. The same key with a different request answers 422 idempotency_key_reused; a repeat while "
            + "the first is still running answers 409 request_in_progress.",
        "schema": ["type": "string", "minLength": 1, "maxLength": IdempotencyMiddleware.maxKeyLength,
                   "pattern": "^[ -~]+$"],
    ] }

    private static func ref(_ schema: String, _ description: String) -> [String: Any] {
        ["description": description, "content": ["application/json": ["schema": ["$ref": "#/components/schemas/\(schema)"]]]]
    }

    /// A reference to a schema, and an array of such.
    static func ref(_ schema: String) -> [String: Any] { ["$ref": "#/components/schemas/\(schema)"] }
    static func list(_ schema: String) -> [String: Any] { ["type": "array", "items": ref(schema)] }

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

    /// Every feature's part of the schemas. Names must be unique across parts (a test checks):
    /// two features once both defined `HoursInput`, and one of them was documented wrongly.
    static var schemaParts: [[String: Any]] {
        [
            sharedSchemas, regionSchemas, venueSchemas, spaceSchemas, noticeSchemas, activitySchemas,
            registrationSchemas, feedbackSchemas, surveySchemas, demandSchemas, orderSchemas, digitalSchemas,
            reportingSchemas, mobileServiceSchemas, circulationSchemas, volunteerSchemas, teamSchemas, workSchemas,
            campaignSchemas, workforceSchemas, evaluationSchemas, inspectionSchemas, planSchemas,
        ]
    }

    static var schemas: [String: Any] {
        schemaParts.reduce(into: [:]) { all, part in all.merge(part) { first, _ in first } }
    }

    /// Schemas that several features use.
    static var sharedSchemas: [String: Any] {
        let (_, str, _, _, _, _, _) = primitives
        return [
            "Error": object(["error": object(["code": str, "message": str,
                                              "fields": ["type": "object", "additionalProperties": str]],
                                             required: ["code", "message"])],
                            required: ["error"]),
            "ReasonInput": object(["reason": ["type": "string", "maxLength": ComplaintDesk.maxText]],
                                  required: ["reason"]),
        ]
    }

    @Sendable static func serve(req: Request) async throws -> Response {
        let data = try json(serverURL: req.settings.baseURL)
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }
}
