import Foundation

/// Consumption seasons, sponsorships and service brands (R6.3) in the OpenAPI document.
extension OpenAPIDocument {
    static let campaignOperations: [Operation] = [
        Operation(method: "get", path: "/api/v1/campaigns",
                  summary: "Consumption seasons, sponsorships and service brands with their reach", tag: "Programmes",
                  query: pageQuery, response: "CampaignPage"),
        Operation(method: "post", path: "/api/v1/campaigns", summary: "Create a programme or brand for your region",
                  tag: "Programmes", staff: true, body: "CampaignInput", response: "Campaign", status: "201"),
        Operation(method: "post", path: "/api/v1/campaigns/{id}/activities",
                  summary: "Add an activity inside the programme's dates and region; returns the new reach",
                  tag: "Programmes", staff: true, body: "CampaignActivityInput", response: "Campaign"),
    ]

    static var campaignSchemas: [String: Any] {
        let (uuid, str, int, _, _, day, _) = primitives
        let campaign = object(["id": uuid, "kind": enumeration(CampaignKind.self), "name": str, "sponsor": str,
                               "startsOn": day, "endsOn": ["type": ["string", "null"]], "benefits": str,
                               "activities": int, "participation": int, "townships": int],
                              required: ["id", "kind", "name", "sponsor", "startsOn", "benefits", "activities",
                                         "participation", "townships"])
        return [
            "Campaign": campaign,
            "CampaignPage": page("Campaign"),
            "CampaignInput": object(["kind": enumeration(CampaignKind.self),
                                     "name": ["type": "string", "maxLength": 60], "sponsor": str, "startsOn": day,
                                     "endsOn": day, "benefits": str, "description": str],
                                    required: ["kind", "name", "startsOn"]),
            "CampaignActivityInput": object(["activityId": uuid], required: ["activityId"]),
        ]
    }
}
