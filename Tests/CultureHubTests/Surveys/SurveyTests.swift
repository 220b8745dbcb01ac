import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct SurveyTests {
    /// A survey of the Micun station with a satisfaction scale, a single choice, a multiple choice and a text question, opened.
    static func build(_ app: Application, _ f: Fixtures, as login: String = "admin") async throws -> (Browser, Survey, [SurveyQuestion]) {
        let admin = try await Browser.signedIn(app, as: login)
        let created = try await admin.post(SiteURL.surveys(.staffNew).path, [("titleZh", "米村镇文化站服务满意度调查"), ("titleEn", "Micun station survey"),
                                                                          ("targetKind", "venue"), ("venue", f.micunStation.id!.uuidString)])
        #expect(created.status == .seeOther)
        let survey = try await Survey.query(on: app.db).first()!
        let add = SiteURL.surveys(.staffQuestions(.id(survey.id!))).path
        _ = try await admin.post(add, [("kind", "scale"), ("textZh", "您对文化站的总体满意度"), ("required", "1"), ("forSatisfaction", "1")])
        _ = try await admin.post(add, [("kind", "single"), ("textZh", "您多久来一次"), ("required", "1"), ("options", "每周|Weekly\n每月|Monthly\n很少|Rarely")])
        _ = try await admin.post(add, [("kind", "multiple"), ("textZh", "您参加过哪些活动"), ("options", "读书\n戏曲\n广场舞")])
        _ = try await admin.post(add, [("kind", "text"), ("textZh", "意见和建议")])
        _ = try await admin.post(SiteURL.surveys(.staffOpen(.id(survey.id!))).path, [])
        let questions = try await SurveyDesk.questions(of: survey, on: app.db)
        return (admin, try await Survey.find(survey.id, on: app.db)!, questions)
    }

    static func key(_ q: SurveyQuestion) -> String { "q-" + q.id!.uuidString.lowercased() }

    @Test func builderRulesAndOpening() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            _ = try await admin.post(SiteURL.surveys(.staffNew).path, [("titleZh", "空问卷"), ("targetKind", "township"), ("township", f.micun.id!.uuidString)])
            let survey = try await Survey.query(on: app.db).first()!
            let emptyOpen = try await admin.post(SiteURL.surveys(.staffOpen(.id(survey.id!))).path, [])
            let oneOption = try await admin.post(SiteURL.surveys(.staffQuestions(.id(survey.id!))).path, [("kind", "single"), ("textZh", "题"), ("options", "只有一个")])
            let textForSatisfaction = try await admin.post(SiteURL.surveys(.staffQuestions(.id(survey.id!))).path, [("kind", "text"), ("textZh", "题"), ("forSatisfaction", "1")])
            let venueStaff = try await Browser.signedIn(app, as: "cgstation").post(SiteURL.surveys(.staffNew).path, [("titleZh", "x"), ("targetKind", "venue"), ("venue", f.chengguanStation.id!.uuidString)])

            let stillDraft = try await Survey.find(survey.id, on: app.db)?.status == .draft
            #expect(emptyOpen.status == .seeOther && stillDraft)
            #expect(oneOption.status == .unprocessableEntity && oneOption.body.string.contains("2 到 20 个选项"))
            #expect(textForSatisfaction.status == .unprocessableEntity && textForSatisfaction.body.string.contains("只有 1–5 分评分题"))
            #expect(venueStaff.status == .forbidden)
            #expect(try await SurveyQuestion.query(on: app.db).count() == 0)
        }
    }

    @Test func onlineAnswersOncePerAccountAndPerDeviceAndRequiredQuestionsHold() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let (_, survey, q) = try await Self.build(app, f)
            let path = SiteURL.surveys(.show(.id(survey.id!))).path
            let citizen = try await Browser.signedIn(app, as: "13800000001")

            let missing = try await citizen.post(path, [(Self.key(q[1]), "2")])
            let outOfRange = try await citizen.post(path, [(Self.key(q[0]), "7"), (Self.key(q[1]), "2")])
            let ok = try await citizen.post(path, [(Self.key(q[0]), "5"), (Self.key(q[1]), "1"), (Self.key(q[2]) + "-1", "1"), (Self.key(q[2]) + "-3", "1"), (Self.key(q[3]), "希望多办戏曲")])
            let twice = try await citizen.post(path, [(Self.key(q[0]), "1"), (Self.key(q[1]), "1")])

            #expect(missing.status == .unprocessableEntity && missing.body.string.contains("这是必答题"))
            #expect(outOfRange.status == .unprocessableEntity && outOfRange.body.string.contains("1 到 5"))
            #expect(ok.status == .seeOther)
            #expect(twice.status == .conflict && twice.body.string.contains("已经填写过"))

            let visitor = Browser(app)
            let form = try await visitor.get(path) // sets the device cookie
            let anonymous = try await visitor.post(path, [(Self.key(q[0]), "3"), (Self.key(q[1]), "3")])
            let anonymousAgain = try await visitor.post(path, [(Self.key(q[0]), "3"), (Self.key(q[1]), "3")])
            #expect(form.body.string.contains("匿名提交"))
            #expect(anonymous.status == .seeOther && anonymousAgain.status == .conflict)

            let responses = try await SurveyResponse.query(on: app.db).sort(\.$createdAt).all()
            #expect(responses.count == 2 && responses.filter(\.anonymous).count == 1 && responses.allSatisfy { $0.channel == .onlineSurvey })
            let multi = try await SurveyAnswer.query(on: app.db).filter(\.$questionID == q[2].id!).all().compactMap(\.choice).sorted()
            #expect(multi == [1, 3])
        }
    }

    @Test func paperBatchNamesTheQuestionnaireAndQuestionAndSavesAllOrNothing() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let (_, survey, _) = try await Self.build(app, f)
            let staff = try await Browser.signedIn(app, as: "micun")
            let path = SiteURL.surveys(.staffPaper(.id(survey.id!))).path
            let page = try await staff.get(path)
            let bad = try await staff.post(path, [("count", "3"), ("ref-1", "P-001"), ("a-1-1", "5"), ("a-1-2", "1"),
                                                  ("ref-2", "P-002"), ("a-2-1", "6"), ("a-2-2", "2"),
                                                  ("ref-3", "P-003"), ("a-3-1", "4"), ("a-3-2", "9")])
            #expect(page.status == .ok && page.body.string.contains("第 1 份第 1 题"))
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("第 2 份（编号 P-002）第 1 题：评分应为 1 到 5 的整数"))
            #expect(bad.body.string.contains("第 3 份（编号 P-003）第 2 题：没有第 9 个选项"))
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)

            let good = try await staff.post(path, [("count", "3"), ("ref-1", "P-001"), ("a-1-1", "5"), ("a-1-2", "1"), ("a-1-3", "1,3"),
                                                   ("ref-2", "P-002"), ("a-2-1", "2"), ("a-2-2", "2"), ("a-2-4", "厕所要改善"),
                                                   ("ref-3", "P-003"), ("a-3-1", "4"), ("a-3-2", "3")])
            #expect(good.status == .seeOther)
            let saved = try await SurveyResponse.query(on: app.db).all()
            let micun = try await Account.query(on: app.db).filter(\.$login == "micun").first()!
            #expect(saved.count == 3 && saved.allSatisfy { $0.offline && $0.channel == .paperSurvey && $0.enteredBy == micun.id })
            #expect(Set(saved.map(\.paperRef)) == ["P-001", "P-002", "P-003"])

            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let outsider = try await chengguan.get(path)
            let outsideResults = try await chengguan.get(SiteURL.surveys(.staffResults(.id(survey.id!))).path)
            let outsideExport = try await chengguan.get(SiteURL.surveys(.staffExportXLSX(.id(survey.id!))).path)
            let outsideList = try await chengguan.get(SiteURL.surveys(.staffIndex).path)
            #expect(outsider.status == .notFound && outsideResults.status == .notFound && outsideExport.status == .notFound)
            #expect(!outsideList.body.string.contains("米村镇文化站服务满意度调查"), "another township's survey is not listed")
        }
    }

    @Test func resultsChartsExportsAndSatisfactionChannels() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let (admin, survey, q) = try await Self.build(app, f)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            _ = try await citizen.post(SiteURL.surveys(.show(.id(survey.id!))).path, [(Self.key(q[0]), "4"), (Self.key(q[1]), "2"), (Self.key(q[3]), "活动很丰富")])
            _ = try await Browser.signedIn(app, as: "micun").post(SiteURL.surveys(.staffPaper(.id(survey.id!))).path,
                                                                  [("count", "2"), ("ref-1", "1"), ("a-1-1", "5"), ("a-1-2", "1"), ("ref-2", "2"), ("a-2-1", "2"), ("a-2-2", "1")])

            let results = try await admin.get(SiteURL.surveys(.staffResults(.id(survey.id!))).path)
            let csv = try await admin.get(SiteURL.surveys(.staffExportCSV(.id(survey.id!))).path)
            let xlsx = try await admin.get(SiteURL.surveys(.staffExportXLSX(.id(survey.id!))).path)
            let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
            let satisfaction = try await SatisfactionPanel.load(.venue(f.micunStation.id!), year: Int(time.today.prefix(4))!, time: time, on: app.db)

            let html = results.body.string
            #expect(html.contains("共收回 3 份答卷") && html.contains("<svg") && html.contains("chart-table") && html.contains("活动很丰富"))
            #expect(html.contains("满意率（4–5 分）66.7%"))
            #expect(csv.headers.contentType?.description.contains("text/csv") == true && csv.body.string.contains("纸质问卷") && csv.body.string.contains("每月"))
            #expect(xlsx.headers.first(name: .contentType)?.contains("spreadsheetml") == true && xlsx.body.readableBytes > 1000)
            #expect(satisfaction.total.count(.onlineSurvey) == 1 && satisfaction.total.count(.paperSurvey) == 2)
            #expect(satisfaction.total.rate == 2.0 / 3.0)
            #expect(try await AuditEvent.query(on: app.db).filter(\.$action == "export").filter(\.$entity == "surveys").count() == 2)
        }
    }

    @Test func closedSurveyRefusesAnswers() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let (admin, survey, q) = try await Self.build(app, f)
            _ = try await admin.post(SiteURL.surveys(.staffClose(.id(survey.id!))).path, [])
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let page = try await citizen.get(SiteURL.surveys(.show(.id(survey.id!))).path)
            let late = try await citizen.post(SiteURL.surveys(.show(.id(survey.id!))).path, [(Self.key(q[0]), "5"), (Self.key(q[1]), "1")])
            #expect(page.body.string.contains("已经结束"))
            #expect(late.status == .conflict && late.body.string.contains("已经结束"))
            #expect(try await SurveyResponse.query(on: app.db).count() == 0)
        }
    }
}
