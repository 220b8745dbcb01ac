import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Folk art teams (R6.2), mass creative works (R6.4), programmes and brands (R6.3).
@Suite struct FolkTeamTests {
    static func teamForm(_ place: Region, name: String = "东关村豫剧团", leader: String = "13800000001", registered: Bool = true) -> [(String, String)] {
        [("name", name), ("kind", "opera"), ("place", place.id!.uuidString), ("leaderName", "张大爷"), ("leaderPhone", leader), ("foundedYear", "2009"),
         ("description", "以豫剧折子戏为主，常年在村文化广场演出。")]
            + (registered ? [("registered", "1"), ("registrationNumber", "新文团登字 2021-017"), ("registeredOn", "2021-05-10")] : [])
    }

    @Test func townshipsKeepTheRegistryAndTeamNamesAreUniquePerTownship() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            let micun = try await Browser.signedIn(app, as: "micun")
            let created = try await chengguan.post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.chengguanVillage))
            let twice = try await chengguan.post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.chengguan))
            let noNumber = try await chengguan.post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.chengguanVillage, name: "东关村锣鼓队").filter { $0.0 != "registrationNumber" })
            let unknownLeader = try await chengguan.post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.chengguanVillage, name: "东关村锣鼓队", leader: "13999999999"))
            let outside = try await chengguan.post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.micunVillage, name: "拐峪村锣鼓队"))
            let sameNameElsewhere = try await micun.post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.micunVillage, registered: false))
            let librarian = try await Browser.signedIn(app, as: "librarian").post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.chengguanVillage, name: "图书馆读书会"))
            let team = try #require(try await FolkTeam.query(on: app.db).filter(\.$townshipPath == f.chengguan.path).first())

            let otherSees = try await micun.get(SiteURL.teams(.staffShow(.id(team.id!))).path)
            let member = try await chengguan.post(SiteURL.teams(.staffAction(.id(team.id!), .members)).path, [("memberName", "李桂英"), ("part", "青衣"), ("joinedYear", "2012")])
            let noName = try await chengguan.post(SiteURL.teams(.staffAction(.id(team.id!), .members)).path, [("memberName", ""), ("part", "板胡")])
            // The cultural centre guides teams anywhere in the city; the library guides none.
            _ = try await f.culturalCentre(on: app)
            let libraryGuides = try await Browser.signedIn(app, as: "librarian").post(SiteURL.teams(.staffAction(.id(team.id!), .guidance)).path,
                                                                                      [("day", "2026-11-10"), ("hours", "1"), ("topic", "借阅指导")])
            let futureGuidance = try await Browser.signedIn(app, as: "wenhuaguan").post(SiteURL.teams(.staffAction(.id(team.id!), .guidance)).path,
                                                                                       [("day", "2026-11-25"), ("hours", "2"), ("topic", "唱腔辅导")])
            let guidance = try await Browser.signedIn(app, as: "wenhuaguan").post(SiteURL.teams(.staffAction(.id(team.id!), .guidance)).path,
                                                                                 [("day", "2026-11-10"), ("hours", "2.5"), ("topic", "《朝阳沟》唱腔辅导")])
            let micunGuides = try await micun.post(SiteURL.teams(.staffAction(.id(team.id!), .guidance)).path, [("day", "2026-11-10"), ("hours", "2"), ("topic", "身段")])
            let show = try await Activity.mock(f.chengguanStation, title: "东关村戏曲晚会", startsIn: -3 * 86_400, now: clock.now(), on: app.db)
            let linked = try await chengguan.post(SiteURL.teams(.staffAction(.id(team.id!), .activities)).path, [("activity", show.id!.uuidString), ("role", "主演")])
            let linkedTwice = try await chengguan.post(SiteURL.teams(.staffAction(.id(team.id!), .activities)).path, [("activity", show.id!.uuidString)])
            let unregister = try await chengguan.post(SiteURL.teams(.staffAction(.id(team.id!), .registration)).path, [("registered", "1"), ("registrationNumber", "")])
            let record = try await chengguan.get(SiteURL.teams(.staffShow(.id(team.id!))).with([("year", "2026")])).body.string
            let publicList = try await Browser(app).get(SiteURL.teams(.index).with([("township", f.chengguan.id!.uuidString), ("registered", "1")])).body.string
            let publicPage = try await Browser(app).get(SiteURL.teams(.show(.id(team.id!))).path).body.string

            #expect(created.status == .seeOther && twice.status == .unprocessableEntity && twice.body.string.contains("已经登记了同名的团队"))
            #expect(noNumber.status == .unprocessableEntity && unknownLeader.status == .unprocessableEntity && unknownLeader.body.string.contains("请先请队长在平台注册"))
            #expect(outside.status == .unprocessableEntity && sameNameElsewhere.status == .seeOther && librarian.status == .unprocessableEntity)
            #expect(try await FolkTeam.query(on: app.db).count() == 2)
            #expect(team.registered && team.registrationNumber == "新文团登字 2021-017" && team.$leader.id != nil && team.bookingRate == .free)
            #expect(otherSees.status == .notFound && member.status == .seeOther && noName.status == .unprocessableEntity)
            #expect(futureGuidance.status == .unprocessableEntity && guidance.status == .seeOther && micunGuides.status == .forbidden)
            #expect(libraryGuides.status == .forbidden, "a library is not a guiding venue (issue #19)")
            #expect(linked.status == .seeOther && linkedTwice.status == .unprocessableEntity && unregister.status == .unprocessableEntity)
            #expect(record.contains("1 场") && record.contains("1 次，共 2.5 小时") && record.contains("李桂英") && record.contains("《朝阳沟》唱腔辅导"))
            #expect(publicList.contains("东关村豫剧团") && publicList.contains("已登记注册"))
            #expect(publicPage.contains("东关村戏曲晚会") && publicPage.contains("主演") && publicPage.contains("张*") && publicPage.contains("1 人"))
            #expect(!publicPage.contains("李桂英"), "members' names stay off the public page")
        }
    }

    @Test func aTeamLeaderBooksASpaceAtTheTeamRate() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            for day in 1...7 { try await OpeningHours(venueID: f.chengguanStation.id!, weekday: day, opensAt: 8 * 60, closesAt: 21 * 60).create(on: app.db) }
            _ = try await Browser.signedIn(app, as: "chengguan").post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.chengguanVillage, registered: false))
            let team = try #require(try await FolkTeam.query(on: app.db).first())
            let day = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now()).day(after: 3)
            let booking: [(String, String)] = [("phone", "13912345678"), ("purpose", "豫剧排练"), ("attendees", "15"), ("date", day), ("starts", "14:00"), ("ends", "16:00")]
            let leader = try await Browser.signedIn(app, as: "13800000001")
            let form = try await leader.get(SiteURL.spaces(.show(.id(f.chengguanSpace.id!))).path).body.string
            let booked = try await leader.post(SiteURL.spaces(.book(.id(f.chengguanSpace.id!))).path, booking + [("teamId", team.id!.uuidString)])
            let request = try #require(try await SpaceBooking.query(on: app.db).first())
            let queue = try await Browser.signedIn(app, as: "cgstation").get(SiteURL.spaces(.staffBookings).path).body.string
            let approved = try await Browser.signedIn(app, as: "cgstation").post(SiteURL.spaces(.staffBookingApprove(.id(request.id!))).path, [("rate", "discounted"), ("fee", "20")])
            let record = try await Browser.signedIn(app, as: "chengguan").get(SiteURL.teams(.staffShow(.id(team.id!))).path).body.string

            #expect(form.contains("以团队名义预约") && form.contains("东关村豫剧团（优惠）"))
            #expect(booked.status == .seeOther && request.teamID == team.id && request.teamName == "东关村豫剧团" && request.rate == .discounted)
            #expect(queue.contains("登记团队，团队价：优惠") && queue.contains("value=\"discounted\" selected"))
            let decided = try await SpaceBooking.find(request.id, on: app.db)
            #expect(approved.status == .seeOther && decided?.status == .approved && decided?.rate == .discounted && decided?.feeFen == 2_000)
            #expect(record.contains("1 次，共 2 小时") && record.contains("优惠"))
        }
    }

    @Test func onlyTheLeaderBooksForTheTeam() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            for day in 1...7 { try await OpeningHours(venueID: f.chengguanStation.id!, weekday: day, opensAt: 8 * 60, closesAt: 21 * 60).create(on: app.db) }
            _ = try await Browser.signedIn(app, as: "chengguan").post(SiteURL.teams(.staffIndex).path, Self.teamForm(f.chengguanVillage))
            let team = try #require(try await FolkTeam.query(on: app.db).first())
            let hash = try await app.password.async.hash(Fixtures.password)
            try await Account(login: "13800000002", displayName: "李四", passwordHash: hash, role: .citizen).create(on: app.db)
            let day = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now()).day(after: 3)
            let attempt = try await Browser.signedIn(app, as: "13800000002").post(SiteURL.spaces(.book(.id(f.chengguanSpace.id!))).path,
                [("phone", "13912345678"), ("purpose", "排练"), ("attendees", "15"), ("date", day), ("starts", "14:00"), ("ends", "16:00"), ("teamId", team.id!.uuidString)])
            #expect(attempt.status == .conflict && attempt.body.string.contains("只有团队的队长"))
            #expect(try await SpaceBooking.query(on: app.db).count() == 0)
        }
    }

    @Test func citizensWorksWaitForReviewAndCarryAwardsAndPerformances() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let citizen = try await Browser.signedIn(app, as: "13800000001")
            let base: [(String, String)] = [("title", "唱咱新密好日子"), ("kind", "song"), ("creators", "词曲 张大爷"), ("createdOn", "2026-03-01"),
                                            ("township", f.chengguan.id!.uuidString), ("mediaLinks", "https://example.org/song.mp3")]
            let badLink = try await citizen.post(SiteURL.works(.new).path, base.map { $0.0 == "mediaLinks" ? ("mediaLinks", "javascript:alert(1)") : $0 })
            let future = try await citizen.post(SiteURL.works(.new).path, base.map { $0.0 == "createdOn" ? ("createdOn", "2027-01-01") : $0 })
            let sent = try await citizen.post(SiteURL.works(.new).path, base)
            let work = try #require(try await CreativeWork.query(on: app.db).first())
            let hiddenFromOthers = try await Browser(app).get(SiteURL.works(.show(.id(work.id!))).path)
            let ownerSees = try await citizen.get(SiteURL.works(.show(.id(work.id!))).path).body.string
            let publicBefore = try await Browser(app).get(SiteURL.works(.index).path).body.string

            let staff = try await Browser.signedIn(app, as: "chengguan")
            let queue = try await staff.get(SiteURL.works(.staffIndex).path).body.string
            let listed = try await staff.post(SiteURL.works(.staffListing(.id(work.id!))).path, [("listed", "1")])
            let awardTooEarly = try await staff.post(SiteURL.works(.staffEvents(.id(work.id!))).path, [("kind", "award"), ("day", "2026-02-01"), ("text", "郑州市群众文艺作品大赛 二等奖")])
            let award = try await staff.post(SiteURL.works(.staffEvents(.id(work.id!))).path, [("kind", "award"), ("day", "2026-09-20"), ("text", "郑州市群众文艺作品大赛 二等奖")])
            let noActivity = try await staff.post(SiteURL.works(.staffEvents(.id(work.id!))).path, [("kind", "performance"), ("day", "2026-10-01")])
            let show = try await Activity.mock(f.chengguanStation, title: "国庆文艺汇演", startsIn: -5 * 86_400, now: clock.now(), on: app.db)
            let performed = try await staff.post(SiteURL.works(.staffEvents(.id(work.id!))).path, [("kind", "performance"), ("day", "2026-11-13"), ("activity", show.id!.uuidString)])
            let otherTownship = try await Browser.signedIn(app, as: "micun").post(SiteURL.works(.staffListing(.id(work.id!))).path, [("listed", "0")])
            let page = try await Browser(app).get(SiteURL.works(.show(.id(work.id!))).path).body.string
            let list = try await Browser(app).get(SiteURL.works(.index).with([("kind", "song")])).body.string

            #expect(badLink.status == .unprocessableEntity && badLink.body.string.contains("https://") && future.status == .unprocessableEntity)
            #expect(sent.status == .seeOther && !work.listed && work.accountID != nil)
            #expect(hiddenFromOthers.status == .notFound && ownerSees.contains("等待文化馆审核") && !publicBefore.contains("唱咱新密好日子"))
            #expect(queue.contains("唱咱新密好日子") && listed.status == .seeOther)
            #expect(awardTooEarly.status == .unprocessableEntity && award.status == .seeOther && noActivity.status == .unprocessableEntity && performed.status == .seeOther)
            #expect(otherTownship.status == .forbidden, "a write outside the scope answers 403")
            #expect(page.contains("郑州市群众文艺作品大赛 二等奖") && page.contains("国庆文艺汇演") && page.contains("https://example.org/song.mp3"))
            #expect(list.contains("唱咱新密好日子") && list.contains("二等奖"))
        }
    }

    @Test func programmesGroupActivitiesInsideTheirDatesAndShowTheirReach() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let admin = try await Browser.signedIn(app, as: "admin")
            let noBenefits = try await admin.post(SiteURL.campaigns(.staffIndex).path, [("kind", "consumptionSeason"), ("name", "2026 新密市文化惠民消费季"), ("startsOn", "2026-11-01"), ("endsOn", "2026-12-31")])
            let backwards = try await admin.post(SiteURL.campaigns(.staffIndex).path, [("kind", "brand"), ("name", "书香新密"), ("startsOn", "2026-11-01"), ("endsOn", "2026-10-01")])
            let season = try await admin.post(SiteURL.campaigns(.staffIndex).path, [("kind", "consumptionSeason"), ("name", "2026 新密市文化惠民消费季"), ("startsOn", "2026-11-01"),
                                                                           ("endsOn", "2026-12-31"), ("benefits", "演出票 5 折，发放文化消费券"), ("sponsor", "")])
            let brand = try await admin.post(SiteURL.campaigns(.staffIndex).path, [("kind", "brand"), ("name", "书香新密"), ("startsOn", "2024-04-23")])
            let township = try await Browser.signedIn(app, as: "chengguan").post(SiteURL.campaigns(.staffIndex).path, [("kind", "brand"), ("name", "城关戏韵"), ("startsOn", "2025-01-01")])
            let c = try #require(try await Campaign.query(on: app.db).filter(\.$kind == .consumptionSeason).first())
            let inside = try await Activity.mock(f.chengguanStation, title: "消费季豫剧专场", startsIn: -2 * 86_400, mode: .open, now: clock.now(), on: app.db)
            inside.headcount = 180
            try await inside.save(on: app.db)
            let other = try await Activity.mock(f.micunStation, title: "米村镇广场舞大赛", startsIn: 5 * 86_400, now: clock.now(), on: app.db)
            let before = try await Activity.mock(f.chengguanStation, title: "十月的演出", startsIn: -30 * 86_400, now: clock.now(), on: app.db)
            let path = SiteURL.campaigns(.staffActivities(.id(c.id!))).path
            let added = try await admin.post(path, [("activity", inside.id!.uuidString)])
            let addedOther = try await admin.post(path, [("activity", other.id!.uuidString)])
            let again = try await admin.post(path, [("activity", inside.id!.uuidString)])
            let outOfDates = try await admin.post(path, [("activity", before.id!.uuidString)])
            let townshipBrand = try #require(try await Campaign.query(on: app.db).filter(\.$name == "城关戏韵").first())
            let otherTownship = try await Browser.signedIn(app, as: "micun").post(SiteURL.campaigns(.staffActivities(.id(townshipBrand.id!))).path, [("activity", other.id!.uuidString)])
            let reach = try await CampaignReach.load([c.id!], on: app.db)[c.id!]
            let page = try await Browser(app).get(SiteURL.campaigns(.show(.id(c.id!))).path).body.string

            #expect(noBenefits.status == .unprocessableEntity && backwards.status == .unprocessableEntity)
            #expect(season.status == .seeOther && brand.status == .seeOther && township.status == .seeOther)
            #expect(added.status == .seeOther && addedOther.status == .seeOther && again.status == .unprocessableEntity)
            #expect(outOfDates.status == .unprocessableEntity && outOfDates.body.string.contains("不在项目的时间范围内"))
            #expect(reach == CampaignReach(activities: 2, participation: 180, townships: 2))
            #expect(otherTownship.status == .forbidden, "米村镇 cannot add to 城关镇's brand")
            #expect(page.contains("2 场活动，180 人次参与，覆盖 2 个乡镇") && page.contains("演出票 5 折"))
        }
    }
}
