import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Double submits without a key or token (an older client, a cached page): the once-per-person
/// writes still keep one record, and the losers hear why, never a 500 (issue #20 point 9).
@Suite struct UnkeyedDuplicateTests {
    @Test func sixIdenticalOncePerPersonWritesAtOnceKeepOneRecordAndNever500() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let tokens = try await Citizens.make(2, on: app)
            // Rating a venue needs a visit (issue #20 point 5).
            try await Visits.record("13900000000", at: f.library, now: clock.now(), on: app.db)
            let activity = try await Activity.mock(f.chengguanStation, capacity: 50, now: clock.now(), on: app.db)
            let survey = try await Self.openSurvey(f, now: clock.now(), on: app.db)
            let question = try #require(try await SurveyDesk.questions(of: survey, on: app.db).first?.id)
            let demand = try await APIClient(app: app, token: tokens[1]).send(.POST, "/api/v1/demands",
                json: "{\"villageId\":\"\(f.chengguanVillage.id!)\",\"kind\":\"film\",\"description\":\"希望每月放一场电影\"}")
            #expect(demand.status == .created)
            let demandID = try #require(try await Demand.query(on: app.db).first()?.id)
            let writes: [(String, String?)] = [
                ("/api/v1/venues/\(f.library.id!)/ratings", #"{"score":5}"#),
                ("/api/v1/activities/\(activity.id!)/registrations", #"{"places":1}"#),
                ("/api/v1/surveys/\(survey.id!)/responses", "{\"answers\":{\"\(question.uuidString.lowercased())\":5}}"),
                ("/api/v1/demands/\(demandID)/support", nil),
            ]
            // Six at once each: ratings, answers and supports share a limit of 20 an hour per account.
            try await LiveServer.with(app) { live in
                for (path, body) in writes {
                    let statuses = try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
                        for _ in 0..<6 {
                            group.addTask { try await live.api(.POST, path, token: tokens[0], json: body).status }
                        }
                        return try await group.reduce(into: [HTTPStatus]()) { $0.append($1) }
                    }
                    #expect(statuses.allSatisfy { $0.code < 500 }, "\(path): \(statuses.map(\.code))")
                    #expect(statuses.contains { $0 == .created || $0 == .ok }, "\(path): \(statuses.map(\.code))")
                }
            }
            #expect(try await Rating.query(on: app.db).count() == 1)
            #expect(try await Registration.query(on: app.db).filter(\.$activity.$id == activity.id!).count() == 1)
            #expect(try await SurveyResponse.query(on: app.db).count() == 1)
            #expect(try await Demand.find(demandID, on: app.db)?.supports == 2, "the proposer and one supporter")
        }
    }

    static func openSurvey(_ f: Fixtures, now: Date, on db: any Database) async throws -> Survey {
        let survey = Survey()
        survey.titleZh = "图书馆满意度"; survey.titleEn = "Library survey"; survey.introZh = ""; survey.introEn = ""
        survey.targetKind = .venue; survey.$venue.id = f.library.id; survey.regionPath = f.library.regionPath
        survey.status = .draft; survey.thirdParty = false; survey.createdAt = now
        try await survey.create(on: db)
        try await SurveyDesk.addQuestion(to: survey, kind: .scale, textZh: "总体满意度", textEn: "Overall", required: true,
                                         optionLines: "", forSatisfaction: true, lang: .zh, on: db)
        try await SurveyDesk.open(survey, now: now, on: db)
        return survey
    }
}
