import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct FeedbackAPITests {
    private func decode<T: Decodable>(_ type: T.Type, _ response: TestingHTTPResponse) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode(T.self, from: Data(response.body.string.utf8))
    }

    @Test func rateComplainAnswerAndReadSatisfactionOverTheAPI() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let tokens = try await Citizens.make(2, on: app)
            let citizen = APIClient(app: app, token: tokens[0])
            let staff = APIClient(app: app, token: try await Fixtures.token(for: "cgstation", on: app.db))
            let outsider = APIClient(app: app, token: try await Fixtures.token(for: "micun", on: app.db))
            let venue = f.chengguanStation.id!
            for login in ["13900000000", "13900000001"] {
                try await Visits.record(login, at: f.chengguanStation, now: clock.now(), on: app.db)
            }

            let rated = try await citizen.send(.POST, "/api/v1/venues/\(venue)/ratings", json: #"{"score":4,"comment":"环境整洁"}"#)
            let edited = try await citizen.send(.POST, "/api/v1/venues/\(venue)/ratings", json: #"{"score":5}"#)
            let badScore = try await APIClient(app: app, token: tokens[1]).send(.POST, "/api/v1/venues/\(venue)/ratings", json: #"{"score":9}"#, lang: "en")
            let anonymous = try await APIClient(app: app).send(.POST, "/api/v1/venues/\(venue)/ratings", json: #"{"score":5}"#)
            let list = try await APIClient(app: app).send(.GET, "/api/v1/venues/\(venue)/ratings")

            #expect(rated.status == .created && edited.status == .ok)
            #expect(badScore.status == .unprocessableEntity && badScore.body.string.contains("between 1 and 5"))
            #expect(anonymous.status == .unauthorized)
            let page = try decode(RatingPageDTO.self, list)
            #expect(page.summary.count == 1 && page.summary.distribution == [0, 0, 0, 0, 1] && page.items.first?.comment == "")

            let noTarget = try await citizen.send(.POST, "/api/v1/complaints", json: #"{"kind":"complaint","category":"service","text":"态度差"}"#)
            let filed = try await citizen.send(.POST, "/api/v1/complaints", json: "{\"venueId\":\"\(venue)\",\"kind\":\"complaint\",\"category\":\"service\",\"text\":\"态度差\"}")
            #expect(noTarget.status == .unprocessableEntity && noTarget.body.string.contains("venueId"))
            #expect(filed.status == .created)
            let complaint = try decode(ComplaintDTO.self, filed)

            let queue = try await staff.send(.GET, "/api/v1/manage/complaints?status=submitted")
            let hidden = try await outsider.send(.POST, "/api/v1/complaints/\(complaint.id)/answer", json: #"{"answer":"好的"}"#)
            let answered = try await staff.send(.POST, "/api/v1/complaints/\(complaint.id)/answer", json: #"{"answer":"已对值班人员进行批评教育。"}"#)
            let again = try await staff.send(.POST, "/api/v1/complaints/\(complaint.id)/answer", json: #"{"answer":"再答复一次"}"#)
            let mine = try await citizen.send(.GET, "/api/v1/me/complaints")
            let satisfaction = try await APIClient(app: app).send(.GET, "/api/v1/satisfaction?venue=\(venue)")
            let badYear = try await APIClient(app: app).send(.GET, "/api/v1/satisfaction?year=1999")

            #expect(queue.body.string.contains(complaint.reference))
            #expect(hidden.status == .forbidden, "a write outside the scope answers 403")
            #expect(answered.status == .ok && answered.body.string.contains("\"status\":\"answered\""))
            #expect(again.status == .conflict)
            #expect(mine.body.string.contains("已对值班人员进行批评教育"))
            let s = try decode(SatisfactionDTO.self, satisfaction)
            #expect(s.valid == 1 && s.rate == 1 && s.channels.first { $0.channel == "onlineRating" }?.valid == 1 && s.months.count == 1)
            #expect(badYear.status == .unprocessableEntity)

            let noReason = try await citizen.send(.POST, "/api/v1/me/complaints/\(complaint.id)/reopen", json: #"{"reason":""}"#)
            let notTheirs = try await APIClient(app: app, token: tokens[1]).send(.POST, "/api/v1/me/complaints/\(complaint.id)/reopen", json: #"{"reason":"x"}"#)
            let reopened = try await citizen.send(.POST, "/api/v1/me/complaints/\(complaint.id)/reopen", json: #"{"reason":"还是没改"}"#)
            let closeEarly = try await staff.send(.POST, "/api/v1/complaints/\(complaint.id)/close")
            _ = try await staff.send(.POST, "/api/v1/complaints/\(complaint.id)/answer", json: #"{"answer":"已再次整改。"}"#)
            let closed = try await citizen.send(.POST, "/api/v1/me/complaints/\(complaint.id)/close")
            #expect(noReason.status == .unprocessableEntity && notTheirs.status == .notFound)
            #expect(reopened.status == .ok && reopened.body.string.contains("\"status\":\"accepted\""))
            #expect(closeEarly.status == .conflict && closed.body.string.contains("\"status\":\"closed\""))

            let ratingID = page.items[0].id
            let hideOutside = try await outsider.send(.POST, "/api/v1/ratings/\(ratingID)/hide", json: #"{"reason":"不文明"}"#)
            let hidden2 = try await staff.send(.POST, "/api/v1/ratings/\(ratingID)/hide", json: #"{"reason":"不文明用语"}"#)
            let restored = try await staff.send(.POST, "/api/v1/ratings/\(ratingID)/restore")
            #expect(hideOutside.status == .forbidden)
            #expect(hidden2.status == .ok && hidden2.body.string.contains("\"hiddenReason\":\"不文明用语\"") && !hidden2.body.string.contains("\"comment\""))
            #expect(restored.status == .ok && !restored.body.string.contains("hiddenReason"))
        }
    }
}
