import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Satisfaction surveys through `/api/v1`.
@Suite struct SurveyAPITests {
    @Test func surveysAreListedShownAndAnsweredOncePerAccount() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let survey = Survey()
            survey.titleZh = "图书馆满意度"; survey.titleEn = "Library survey"; survey.introZh = ""; survey.introEn = ""
            survey.targetKind = .venue; survey.$venue.id = f.library.id; survey.regionPath = f.library.regionPath
            survey.status = .draft; survey.thirdParty = false; survey.createdAt = clock.now()
            try await survey.create(on: app.db)
            try await SurveyDesk.addQuestion(to: survey, kind: .scale, textZh: "总体满意度", textEn: "Overall", required: true, optionLines: "", forSatisfaction: true, lang: .zh, on: app.db)
            try await SurveyDesk.addQuestion(to: survey, kind: .multiple, textZh: "用过哪些服务", textEn: "", required: false, optionLines: "借书\n讲座\n展览", forSatisfaction: false, lang: .zh, on: app.db)
            let hidden = try await APIClient(app: app).send(.GET, "/api/v1/surveys/\(survey.id!)")
            try await SurveyDesk.open(survey, now: clock.now(), on: app.db)
            let q = try await SurveyDesk.questions(of: survey, on: app.db).map { $0.id!.uuidString.lowercased() }
            let citizen = APIClient(app: app, token: try await Citizens.make(1, on: app)[0])

            let list = try await APIClient(app: app).send(.GET, "/api/v1/surveys", lang: "en")
            let shown = try await APIClient(app: app).send(.GET, "/api/v1/surveys/\(survey.id!)")
            let wrong = try await citizen.send(.POST, "/api/v1/surveys/\(survey.id!)/responses", json: "{\"answers\":{\"\(q[0])\":8,\"\(q[1])\":[1,4]}}")
            let ok = try await citizen.send(.POST, "/api/v1/surveys/\(survey.id!)/responses", json: "{\"answers\":{\"\(q[0])\":5,\"\(q[1])\":[1,3]}}")
            let again = try await citizen.send(.POST, "/api/v1/surveys/\(survey.id!)/responses", json: "{\"answers\":{\"\(q[0])\":4}}")

            #expect(hidden.status == .notFound, "a draft survey is not public")
            #expect(list.body.string.contains("Library survey"))
            #expect(shown.body.string.contains("总体满意度") && shown.body.string.contains("\"countsForSatisfaction\":true"))
            #expect(wrong.status == .unprocessableEntity && wrong.body.string.contains("answers.\(q[0])") && wrong.body.string.contains("answers.\(q[1])"))
            #expect(ok.status == .created && again.status == .conflict)
            #expect(try await SurveyResponse.query(on: app.db).count() == 1)
        }
    }
}
