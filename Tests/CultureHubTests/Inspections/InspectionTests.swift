import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Inspections, rectification, integrity flags and shortfall reminders (R8.2, R8.3, R8.5).
@Suite struct InspectionTests {
    static func form(_ f: Fixtures, failNote: String) -> [(String, String)] {
        [("venue", f.chengguanStation.id!.uuidString), ("inspectedOn", "2026-11-16"), ("inspector", "市局督查组"), ("unannounced", "1"),
         ("item_openingAsPosted", "pass"), ("item_noticeDisplayed", "fail"), ("note_noticeDisplayed", failNote), ("item_safety", "pass")]
    }

    @Test func eachFindingOpensATaskTheUnitAnswersAndTheBureauVerifies() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let micun = try await Browser.signedIn(app, as: "micun")
            let noNote = try await admin.post(SiteURL.evaluation(.inspections).path, Self.form(f, failNote: ""))
            let future = try await admin.post(SiteURL.evaluation(.inspections).path, Self.form(f, failNote: "x").map { $0.0 == "inspectedOn" ? ($0.0, "2026-12-01") : $0 })
            let byTownship = try await chengguan.post(SiteURL.evaluation(.inspections).path, Self.form(f, failNote: "公示牌缺失"))
            #expect(noNote.status == .unprocessableEntity && noNote.body.string.contains("不合格的项目请写明发现的问题"))
            #expect(future.status == .unprocessableEntity && byTownship.status == .forbidden)
            #expect(try await Inspection.query(on: app.db).count() == 0)
            #expect(try await RectificationTask.query(on: app.db).count() == 0)

            let saved = try await admin.post(SiteURL.evaluation(.inspections).path, Self.form(f, failNote: "公示牌缺失"))
            #expect(saved.status == .seeOther)
            let task = try #require(try await RectificationTask.query(on: app.db).first())
            #expect(task.deadline == "2026-12-16" && task.status == .open && task.finding == "免费开放公示上墙：公示牌缺失")
            #expect(try await chengguan.get(SiteURL.staff.path).body.string.contains("项督查整改等待反馈"))
            let respond = SiteURL.evaluation(.rectification(.id(task.id!), "respond")).path
            #expect(try await micun.post(respond, [("response", "不是我们的")]).status == .forbidden)
            #expect(try await chengguan.post(respond, [("response", "已重新制作公示牌并上墙")]).status == .seeOther)
            #expect(try await RectificationTask.find(task.id, on: app.db)?.status == .responded)
            #expect(try await chengguan.post(respond, [("response", "再说一次")]).status == .conflict)
            let reopenEmpty = try await admin.post(SiteURL.evaluation(.rectification(.id(task.id!), "reopen")).path, [("reason", "")])
            #expect(reopenEmpty.status == .seeOther)
            #expect(try await RectificationTask.find(task.id, on: app.db)?.status == .responded)
            #expect(try await admin.post(SiteURL.evaluation(.rectification(.id(task.id!), "reopen")).path, [("reason", "照片看不清公示内容")]).status == .seeOther)
            #expect(try await RectificationTask.find(task.id, on: app.db)?.status == .reopened)
            #expect(try await chengguan.post(respond, [("response", "补拍了清晰照片")]).status == .seeOther)
            #expect(try await admin.post(SiteURL.evaluation(.rectification(.id(task.id!), "verify")).path, []).status == .seeOther)
            let done = try await RectificationTask.find(task.id, on: app.db)
            #expect(done?.status == .verified && done?.response == "补拍了清晰照片")
            let page = try await admin.get(SiteURL.evaluation(.inspection(.id(task.$inspection.id))).path).body.string
            #expect(page.contains("已核验销号") && page.contains("暗访"))
        }
    }

    @Test func integrityFlagsAndShortfallReminders() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            try await EvaluationFixture.seed(f, on: app.db)
            let evaluator = try await Browser.signedIn(app, as: "evaluator")
            let flags = try await evaluator.get(SiteURL.evaluation(.integrity).with([("type", "month"), ("period", "2026-10")])).body.string
            #expect(flags.contains("上报人数远高于签到和现场清点（1）") && flags.contains("上报 100 人，签到 0，清点 30"))
            #expect(flags.contains("活动没有任何佐证（0）"))
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await chengguan.get(SiteURL.evaluation(.integrity).path).status == .forbidden)
            let dashboard = try await chengguan.get(SiteURL.staff.path).body.string
            #expect(dashboard.contains("年度考核目标还差") && dashboard.contains("12 月 31 日前"), "\(dashboard.components(separatedBy: "shortfall").dropFirst().first?.prefix(1500) ?? "")")
            let shortfall = try await chengguan.get(SiteURL.evaluation(.shortfall).path).body.string
            // The year so far: 1 large event of 4, 1 training of 12 (the September one counts too).
            #expect(shortfall.contains("城关镇") && shortfall.contains("12 月 31 日前再开展 2 场大型活动"))
            let gapsCSV = try await chengguan.get(SiteURL.evaluation(.tableExport("shortfall", "csv")).with([("type", "year")]))
            #expect(gapsCSV.status == .ok && gapsCSV.body.string.contains("城关镇,乡镇（街道）,大型活动场次"))
            let flagsXLSX = try await evaluator.get(SiteURL.evaluation(.tableExport("integrity", "xlsx")).with([("type", "month"), ("period", "2026-10")]))
            #expect(flagsXLSX.status == .ok && flagsXLSX.body.readableBytes > 1000)
            for table in ["inspections", "rectifications", "plans"] {
                #expect(try await evaluator.get(SiteURL.evaluation(.tableExport(table, "csv")).path).status == .ok)
            }
            #expect(try await chengguan.get(SiteURL.evaluation(.tableExport("integrity", "csv")).path).status == .forbidden)
            #expect(try await evaluator.get(SiteURL.evaluation(.tableExport("secrets", "csv")).path).status == .notFound)
            let overview = try await evaluator.get(SiteURL.evaluation(.shortfall).with([("type", "month")])).body.string
            #expect(overview.contains("米村镇") && overview.contains("新密市图书馆"))
        }
    }
}
