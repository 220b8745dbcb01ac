import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import XLSXWriter
@testable import CultureHub

/// Culture staff, training compliance and funding (R7.1–R7.3). The fixture clock reads
/// 2026-11-18 in Beijing.
@Suite struct WorkforceTests {
    static func post(_ venue: Venue, name: String, phone: String, type: String = "fullTime", starts: String = "2020-01-01", ends: String = "", subsidy: String = "") -> [(String, String)] {
        [("name", name), ("phone", phone), ("venue", venue.id!.uuidString), ("postType", type), ("position", "文化专干"), ("startsOn", starts), ("endsOn", ends), ("subsidy", subsidy)]
    }

    @Test func onePersonHoldsOneFullTimePostAtATimeAndTownshipsShortOfStaffAreListed() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let first = try await chengguan.post(SiteURL.workforce(.people).path, Self.post(f.chengguanStation, name: "王建华", phone: "13712340001", subsidy: "1200.5"))
            let second = try await chengguan.post(SiteURL.workforce(.people).path, Self.post(f.chengguanStation, name: "李丽娟", phone: "13712340002", ends: "2026-06-30"))
            let outside = try await chengguan.post(SiteURL.workforce(.people).path, Self.post(f.micunStation, name: "赵六", phone: "13712340009"))
            let negative = try await chengguan.post(SiteURL.workforce(.people).path, Self.post(f.chengguanStation, name: "赵六", phone: "13712340009", subsidy: "-5"))
            let absurd = try await chengguan.post(SiteURL.workforce(.people).path, Self.post(f.chengguanStation, name: "赵六", phone: "13712340009", subsidy: "30000"))
            let twoJobs = try await admin.post(SiteURL.workforce(.people).path, Self.post(f.micunStation, name: "王建华", phone: "137 1234 0001", starts: "2026-03-01"))
            let partTimeToo = try await admin.post(SiteURL.workforce(.people).path, Self.post(f.micunVillageCentre, name: "王建华", phone: "13712340001", type: "partTime", starts: "2026-03-01"))
            // 李丽娟 left at the end of June and moved to 米村 in July: no overlap.
            let moved = try await admin.post(SiteURL.workforce(.people).path, Self.post(f.micunStation, name: "李丽娟", phone: "13712340002", starts: "2026-07-01"))
            let list = try await chengguan.get(SiteURL.workforce(.people).path).body.string
            let gaps = try await admin.get(SiteURL.workforce(.peopleGaps).path).body.string
            let townshipGaps = try await chengguan.get(SiteURL.workforce(.peopleGaps).path).body.string

            #expect(first.status == .seeOther && second.status == .seeOther && outside.status == .unprocessableEntity)
            #expect(negative.status == .unprocessableEntity && absurd.status == .unprocessableEntity)
            #expect(twoJobs.status == .unprocessableEntity && twoJobs.body.string.contains("城关镇综合文化站 有专职岗位"))
            #expect(partTimeToo.status == .seeOther && moved.status == .seeOther)
            #expect(try await StaffMember.query(on: app.db).count() == 4)
            #expect(try await StaffMember.query(on: app.db).filter(\.$name == "王建华").first()?.subsidyFen == 120_050)
            #expect(list.contains("137****0001") && list.contains("¥1,200.50") && !list.contains("李丽娟"), "a former post is under “former staff”")
            // 城关镇 needs 2 full-time and has had 1 since 李丽娟 left; 米村镇 has had 1 since July.
            #expect(gaps.contains("缺 1 人（自 2026-07-01 起）") && gaps.contains("米村镇"))
            // 拐峪村 has its part-time culture manager since March; 东关村 has nobody.
            #expect(gaps.contains("东关村") && !gaps.contains("拐峪村"))
            #expect(townshipGaps.contains("东关村") && !townshipGaps.contains("米村镇"))
        }
    }

    @Test func trainingDaysAreCheckedAndComplianceIsProRata() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            for (venue, name, phone, starts, ends) in [(f.library, "图书馆甲", "13712340011", "2019-01-01", ""), (f.library, "图书馆乙", "13712340012", "2019-01-01", ""),
                                                      (f.library, "调动者", "13712340013", "2019-01-01", "2026-07-01"), (f.chengguanStation, "调动者", "13712340013", "2026-07-02", ""),
                                                      (f.chengguanStation, "站长", "13712340014", "2015-01-01", "")] {
                let r = try await admin.post(SiteURL.workforce(.people).path, Self.post(venue, name: name, phone: phone, starts: starts, ends: ends))
                #expect(r.status == .seeOther)
            }
            let course: ([(String, String)]) async throws -> TestingHTTPResponse = { try await admin.post(SiteURL.workforce(.training).path, [("provider", "河南省图书馆"), ("level", "provincial")] + $0) }
            let tooLong = try await course([("title", "研修班"), ("kind", "offJob"), ("startsOn", "2026-04-08"), ("endsOn", "2026-04-10"), ("days", "4")])
            _ = try await course([("title", "业务骨干研修班"), ("kind", "offJob"), ("startsOn", "2026-04-01"), ("endsOn", "2026-04-15"), ("days", "15")])
            _ = try await course([("title", "基层站长集中培训"), ("kind", "centralised"), ("startsOn", "2026-09-01"), ("endsOn", "2026-09-03"), ("days", "2.5")])
            let courses = try await TrainingCourse.query(on: app.db).sort(\.$startsOn).all()
            let members = try await StaffMember.query(on: app.db).sort(\.$name).sort(\.$startsOn).all()
            let member: (String) -> StaffMember = { name in members.first { $0.name == name }! }
            let attend: (TrainingCourse, StaffMember, String) async throws -> TestingHTTPResponse = { c, m, days in
                try await admin.post(SiteURL.workforce(.courseAttendance(.id(c.id!))).path, [("member", m.id!.uuidString), ("days", days)])
            }
            let full = try await attend(courses[0], member("图书馆甲"), "15")
            let short = try await attend(courses[0], member("图书馆乙"), "14.5")
            let over = try await attend(courses[1], member("站长"), "3")
            let again = try await attend(courses[0], member("图书馆甲"), "1")
            let movedCity = try await attend(courses[0], members.first { $0.name == "调动者" && $0.tier == .city }!, "7.5")
            let movedTownship = try await attend(courses[1], members.first { $0.name == "调动者" && $0.tier == .township }!, "2.5")
            let otherTownship = try await Browser.signedIn(app, as: "micun").post(SiteURL.workforce(.courseAttendance(.id(courses[1].id!))).path,
                                                                                  [("member", member("站长").id!.uuidString), ("days", "1")])
            let report = try await TrainingReport.load(.region(path: f.city.path), year: 2026, today: "2026-11-18", rule: app.settings.trainingRule, on: app.db)
            let result: (String) -> Bool = { name in report.people.first { $0.name == name }!.result.isCompliant }
            let page = try await admin.get(SiteURL.workforce(.trainingCompliance).with([("year", "2026")])).body.string

            #expect(tooLong.status == .unprocessableEntity && tooLong.body.string.contains("超过了开始到结束的 3 天"))
            #expect(full.status == .seeOther && short.status == .seeOther && over.status == .unprocessableEntity && again.status == .unprocessableEntity)
            #expect(movedCity.status == .seeOther && movedTownship.status == .seeOther)
            #expect(otherTownship.status == .unprocessableEntity && otherTownship.body.string.contains("管辖范围内的工作人员"), "米村镇 cannot credit 城关镇's staff")
            #expect(result("图书馆甲") && !result("图书馆乙") && result("调动者") && !result("站长"), "exactly 15 days meets the rule; 14.5 does not")
            #expect(report.people.count == 4, "one person with two posts is one row")
            // 图书馆乙 owes half a day for the year but is ahead of the pro-rata share due by 18 November.
            #expect(page.contains("站长") && !page.contains("图书馆甲") && !page.contains("图书馆乙"), "the list shows who is behind")
        }
    }

    @Test func spendingBeyondABudgetLineNeedsAReasonAndFenNeverDrift() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let venue = f.chengguanStation.id!.uuidString
            let budget = try await chengguan.post(SiteURL.workforce(.fundingBudgets).path, [("venue", venue), ("year", "2026"), ("category", "activities"), ("source", "cityMatching"), ("amount", "0.30")])
            let twice = try await chengguan.post(SiteURL.workforce(.fundingBudgets).path, [("b_venue", venue), ("b_year", "2026"), ("b_category", "activities"), ("b_source", "cityMatching"), ("b_amount", "1")])
            let spend: (String, String) async throws -> TestingHTTPResponse = { amount, reason in
                try await chengguan.post(SiteURL.workforce(.fundingSpend).path, [("venue", venue), ("spentOn", "2026-05-04"), ("category", "activities"), ("amount", amount), ("voucher", "记账凭证 05-001"), ("overrideReason", reason)])
            }
            let dimes = [try await spend("0.10", ""), try await spend("0.1", ""), try await spend("0.10", "")]
            let over = try await spend("0.01", "")
            let overWithReason = try await spend("0.01", "追加演出场次，已报局里同意")
            let negative = try await spend("-3", "")
            let tooMany = try await spend("1.234", "")
            let absurd = try await spend("100000001", "x")
            let otherTownship = try await Browser.signedIn(app, as: "micun").post(SiteURL.workforce(.fundingSpend).path,
                [("venue", venue), ("spentOn", "2026-05-04"), ("category", "activities"), ("amount", "1"), ("voucher", "v"), ("overrideReason", "x")])
            let report = try await FundingReport.load(.region(path: f.chengguan.path), year: 2026, time: DisplayTime(timeZone: app.settings.displayTimeZone, now: Date(timeIntervalSince1970: 1_795_000_000)), on: app.db)
            let csv = try await chengguan.get(SiteURL.workforce(.fundingCSV).with([("year", "2026")]))
            let xlsx = try await chengguan.get(SiteURL.workforce(.fundingXLSX).with([("year", "2026")]))

            #expect(budget.status == .seeOther && twice.status == .unprocessableEntity)
            #expect(dimes.allSatisfy { $0.status == .seeOther }, "three ¥0.10 exactly use up ¥0.30")
            #expect(over.status == .unprocessableEntity && over.body.string.contains("超出预算") && over.body.string.contains("还剩 ¥0.00"))
            #expect(overWithReason.status == .seeOther && negative.status == .unprocessableEntity && tooMany.status == .unprocessableEntity && absurd.status == .unprocessableEntity)
            #expect(otherTownship.status == .unprocessableEntity)
            #expect(report.rows.first?.totalBudget == 30 && report.rows.first?.totalSpent == 31)
            #expect(try await Expenditure.query(on: app.db).filter(\.$overrideReason != "").count() == 1)
            #expect(csv.status == .ok && csv.body.string.contains("城关镇综合文化站") && csv.body.string.contains("0.31"))
            #expect(xlsx.status == .ok && xlsx.headers.contentType?.description.contains("spreadsheetml") == true)
        }
    }
}
