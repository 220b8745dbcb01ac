import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import Volunteering
@testable import CultureHub

/// Recruitment posts, sign-ups, check-in and out, hours, evaluations, honours, stars (R6.1).
@Suite struct VolunteerServiceTests {
    /// The fixture clock reads 2026-11-18 19:06:40 in Beijing; this reaches 2026-11-20 09:00.
    static let toPostStart: TimeInterval = 136_400

    static func org(_ venue: Venue, on db: any Database) async throws -> VolunteerOrg {
        let org = VolunteerOrg()
        org.$venue.id = venue.id!
        org.regionPath = venue.regionPath
        org.name = venue.name + "志愿服务队"
        org.leaderName = "王站长"
        org.leaderPhone = "13912345678"
        org.scopeNote = "文艺辅导"
        org.createdAt = Date(timeIntervalSince1970: 1_790_000_000)
        try await org.create(on: db)
        return org
    }

    static func member(_ account: Account, of org: VolunteerOrg, on db: any Database) async throws {
        let a = VolunteerApplication()
        a.$org.id = org.id!
        a.$account.id = account.id!
        a.regionPath = org.regionPath
        a.skillCodes = "performance"
        a.availability = "周末"
        a.areas = ""
        a.status = .approved
        a.reason = ""
        a.createdAt = Date(timeIntervalSince1970: 1_790_000_000)
        try await a.create(on: db)
    }

    static func postForm(_ org: VolunteerOrg, title: String, date: String = "2026-11-20", starts: String = "09:00", ends: String = "12:00", slots: String = "3") -> [(String, String)] {
        [("org", org.id!.uuidString), ("title", title), ("duties", "引导观众入场，维持秩序"), ("place", "城关镇文化站广场"),
         ("date", date), ("starts", starts), ("ends", ends), ("slots", slots)]
    }

    @Test func aVolunteerSignsUpIsCheckedInAndOutAndTheHoursCount() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let org = try await Self.org(f.chengguanStation, on: app.db)
            let citizen = try await Account.query(on: app.db).filter(\.$login == "13800000001").first()!
            var station = try await Browser.signedIn(app, as: "chengguan")
            var volunteer = try await Browser.signedIn(app, as: "13800000001")

            let past = try await station.post(SiteURL.volunteers(.staffPosts).path, Self.postForm(org, title: "昨天的岗位", date: "2026-11-17"))
            let created = try await station.post(SiteURL.volunteers(.staffPosts).path, Self.postForm(org, title: "演出现场引导员"))
            let clashing = try await station.post(SiteURL.volunteers(.staffPosts).path, Self.postForm(org, title: "舞台搬运", starts: "11:00", ends: "13:00"))
            let posts = try await VolunteerPost.query(on: app.db).sort(\.$startsAt).all()
            let (post, other) = (posts[0], posts[1])

            let notMember = try await volunteer.post(SiteURL.volunteers(.postSignUp(.id(post.id!))).path, [])
            let notMemberPage = try await volunteer.get(SiteURL.volunteers(.posts).path).body.string
            try await Self.member(citizen, of: org, on: app.db)
            let signed = try await volunteer.post(SiteURL.volunteers(.postSignUp(.id(post.id!))).path, [])
            let twice = try await volunteer.post(SiteURL.volunteers(.postSignUp(.id(post.id!))).path, [])
            let overlap = try await volunteer.post(SiteURL.volunteers(.postSignUp(.id(other.id!))).path, [])
            let overlapPage = try await volunteer.get(SiteURL.volunteers(.posts).path).body.string
            let shift = try #require(try await VolunteerShift.query(on: app.db).first())
            let early = try await station.post(SiteURL.volunteers(.staffShift(.id(shift.id!), .checkin)).path, [])
            let earlyState = try await VolunteerShift.find(shift.id, on: app.db)?.checkedInAt

            clock.advance(by: Self.toPostStart - 600)
            // Sessions end after 30 idle minutes: sign in again after each jump of the clock.
            station = try await Browser.signedIn(app, as: "chengguan")
            volunteer = try await Browser.signedIn(app, as: "13800000001")
            let otherTownship = try await Browser.signedIn(app, as: "micun").post(SiteURL.volunteers(.staffShift(.id(shift.id!), .checkin)).path, [])
            let checkedIn = try await station.post(SiteURL.volunteers(.staffShift(.id(shift.id!), .checkin)).path, [])
            let cancelLate = try await volunteer.post(SiteURL.volunteers(.shiftCancel(.id(shift.id!))).path, [])
            clock.advance(by: 3 * 3_600)
            station = try await Browser.signedIn(app, as: "chengguan")
            volunteer = try await Browser.signedIn(app, as: "13800000001")
            let checkedOut = try await station.post(SiteURL.volunteers(.staffShift(.id(shift.id!), .checkout)).path, [])
            let pendingPage = try await volunteer.get(SiteURL.volunteers(.mine).path).body.string
            let queue = try await station.get(SiteURL.volunteers(.staffHours).path).body.string
            let tooMany = try await station.post(SiteURL.volunteers(.staffShift(.id(shift.id!), .confirm)).path, [("hours", "5")])
            let confirmed = try await station.post(SiteURL.volunteers(.staffShift(.id(shift.id!), .confirm)).path, [("hours", "2.5")])
            let rated = try await station.post(SiteURL.volunteers(.staffShift(.id(shift.id!), .rate)).path, [("rating", "5"), ("ratingNote", "认真负责")])
            let honour = try await station.post(SiteURL.volunteers(.staffHonours(.id(citizen.id!))).path,
                                                [("org", org.id!.uuidString), ("title", "2026 年度优秀文化志愿者"), ("awardedOn", "2026-11-20")])
            let mine = try await volunteer.get(SiteURL.volunteers(.mine).path).body.string
            let certificate = try await volunteer.get(SiteURL.volunteers(.certificate).path).body.string
            let leaderboard = try await Browser(app).get(SiteURL.volunteers(.leaderboard).with([("year", "2026"), ("township", f.chengguan.id!.uuidString)])).body.string
            let otherBoard = try await Browser(app).get(SiteURL.volunteers(.leaderboard).with([("year", "2026"), ("township", f.micun.id!.uuidString)])).body.string
            let person = try await station.get(SiteURL.volunteers(.staffPerson(.id(citizen.id!))).path).body.string
            let hidden = try await Browser.signedIn(app, as: "micun").get(SiteURL.volunteers(.staffPerson(.id(citizen.id!))).path)

            #expect(past.status == .unprocessableEntity && past.body.string.contains("将来"))
            #expect(created.status == .seeOther && clashing.status == .seeOther)
            #expect(notMember.status == .seeOther && notMemberPage.contains("请先申请加入"))
            #expect(signed.status == .seeOther && twice.status == .seeOther)
            #expect(overlapPage.contains("时间与您已登记的志愿服务重叠：演出现场引导员"), "the second post overlaps the first")
            #expect(overlap.status == .seeOther)
            #expect(try await VolunteerPost.find(other.id, on: app.db)?.taken == 0, "a refused sign-up gives its slot back")
            #expect(try await VolunteerPost.find(post.id, on: app.db)?.taken == 1)
            #expect(early.status == .seeOther && earlyState == nil, "check-in opens two hours before")
            #expect(otherTownship.status == .forbidden && checkedIn.status == .seeOther && cancelLate.status == .seeOther)
            #expect(checkedIn.headers.first(name: .location) == SiteURL.volunteers(.staffPost(.id(post.id!))).path)
            #expect(checkedOut.status == .seeOther && pendingPage.contains("待确认") && queue.contains("张*"))
            #expect(tooMany.status == .seeOther && confirmed.status == .seeOther && rated.status == .seeOther && honour.status == .seeOther)
            let done = try #require(try await VolunteerShift.find(shift.id, on: app.db))
            #expect(done.hoursState == .confirmed && done.minutes == 150 && done.rating == 5 && !done.cancelled)
            #expect(mine.contains("2.5 小时") && mine.contains("★★★★★ 认真负责") && mine.contains("2026 年度优秀文化志愿者") && mine.contains("再服务 97.5 小时可升一星"))
            #expect(certificate.contains("志愿服务记录证明") && certificate.contains("张大爷") && certificate.contains("2.5 小时") && certificate.contains("data-print"))
            #expect(leaderboard.contains("张*") && leaderboard.contains("2.5") && !otherBoard.contains("张*"))
            #expect(person.contains("2026 年度优秀文化志愿者") && hidden.status == .notFound)
        }
    }

    /// Thirty-five sign-ups (five of them repeats) race for the last slot, and for three.
    @Test(arguments: [1, 3])
    func concurrentSignUpsNeverTakeMoreThanTheSlots(slots: Int) async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let org = try await Self.org(f.chengguanStation, on: app.db)
            var people: [Account] = []
            for n in 0..<30 {
                let a = Account(login: String(format: "1390000%04d", n), displayName: "志愿者\(n)", passwordHash: "x", role: .citizen)
                try await a.create(on: app.db)
                try await Self.member(a, of: org, on: app.db)
                people.append(a)
            }
            let staff = Staff(account: try await Account.query(on: app.db).filter(\.$login == "chengguan").first()!, scope: .region(path: f.chengguan.path))
            let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now())
            let input = VolunteerPostInput(org: org.id!.uuidString, title: "最后的名额", duties: "引导观众入场，维持秩序",
                                           place: "城关镇文化站广场", date: "2026-11-20", starts: "09:00", ends: "12:00",
                                           slots: String(slots))
            let post = try await VolunteerServiceDesk.createPost(input, by: staff, now: clock.now(), time: time,
                                                                 lang: .zh, on: app.db)
            let everyone = people
            let outcomes = try await withThrowingTaskGroup(of: Bool.self) { group in
                for person in everyone + everyone.prefix(5) {
                    group.addTask {
                        do {
                            _ = try await VolunteerServiceDesk.signUp(postID: post.id!, account: person, now: clock.now(), time: time, lang: .zh, on: app.db)
                            return true
                        } catch AppError.conflict {
                            return false
                        }
                    }
                }
                return try await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == slots)
            #expect(try await VolunteerShift.query(on: app.db).filter(\.$cancelled == false).count() == slots)
            #expect(try await VolunteerPost.find(post.id, on: app.db)?.taken == slots)
            // A cancellation frees the slot for exactly one more.
            let winner = try #require(try await VolunteerShift.query(on: app.db).first())
            let owner = try #require(try await Account.find(winner.$account.id, on: app.db))
            try await VolunteerServiceDesk.cancel(winner.id!, account: owner, now: clock.now(), on: app.db)
            await #expect(throws: AppError.self) { try await VolunteerServiceDesk.cancel(winner.id!, account: owner, now: clock.now(), on: app.db) }
            #expect(try await VolunteerPost.find(post.id, on: app.db)?.taken == slots - 1)
        }
    }

    @Test func handEnteredHoursMayNotOverlapOrOverfillADay() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let org = try await Self.org(f.chengguanStation, on: app.db)
            let citizen = try await Account.query(on: app.db).filter(\.$login == "13800000001").first()!
            let volunteer = try await Browser.signedIn(app, as: "13800000001")
            let notYet = try await volunteer.post(SiteURL.volunteers(.hours).path, [("org", org.id!.uuidString), ("date", "2026-11-16"), ("starts", "08:00"), ("hours", "8"), ("note", "随流动舞台下乡")])
            try await Self.member(citizen, of: org, on: app.db)
            let entry: ([(String, String)]) async throws -> TestingHTTPResponse = { try await volunteer.post(SiteURL.volunteers(.hours).path, [("org", org.id!.uuidString), ("note", "随流动舞台下乡")] + $0) }
            let first = try await entry([("date", "2026-11-16"), ("starts", "00:00"), ("hours", "20")])
            let overlapping = try await entry([("date", "2026-11-16"), ("starts", "19:00"), ("hours", "2")])
            let overfull = try await entry([("date", "2026-11-16"), ("starts", "20:00"), ("hours", "4.5")])
            let fits = try await entry([("date", "2026-11-16"), ("starts", "20:00"), ("hours", "4")])
            let nextDay = try await entry([("date", "2026-11-17"), ("starts", "08:00"), ("hours", "2")])
            let future = try await entry([("date", "2026-11-19"), ("starts", "08:00"), ("hours", "2")])
            let quarter = try await entry([("date", "2026-11-15"), ("starts", "08:00"), ("hours", "1.25")])
            let tooLong = try await entry([("date", "2026-11-10"), ("starts", "08:00"), ("hours", "25")])
            #expect(notYet.status == .unprocessableEntity && notYet.body.string.contains("您已加入的"))
            #expect(first.status == .seeOther && fits.status == .seeOther && nextDay.status == .seeOther)
            #expect(overlapping.status == .conflict && overlapping.body.string.contains("重叠"))
            #expect(overfull.status == .unprocessableEntity && overfull.body.string.contains("24.5 小时，超过了 24 小时"))
            #expect(future.status == .unprocessableEntity && future.body.string.contains("已经完成"))
            #expect(quarter.status == .unprocessableEntity && tooLong.status == .unprocessableEntity)
            #expect(try await VolunteerShift.query(on: app.db).count() == 3)

            let station = try await Browser.signedIn(app, as: "chengguan")
            let entries = try await VolunteerShift.query(on: app.db).sort(\.$startsAt).all()
            let noReason = try await station.post(SiteURL.volunteers(.staffShift(.id(entries[0].id!), .decline)).path, [("reason", ""), ("back", "hours")])
            let declined = try await station.post(SiteURL.volunteers(.staffShift(.id(entries[0].id!), .decline)).path, [("reason", "当天流动舞台只安排了 8 小时")])
            let confirmed = try await station.post(SiteURL.volunteers(.staffShift(.id(entries[1].id!), .confirm)).path, [("hours", "")])
            let again = try await station.post(SiteURL.volunteers(.staffShift(.id(entries[1].id!), .confirm)).path, [("back", "hours")])
            let mine = try await volunteer.get(SiteURL.volunteers(.mine).path).body.string
            // A declined entry no longer holds its time: the day can take a corrected entry.
            let corrected = try await entry([("date", "2026-11-16"), ("starts", "08:00"), ("hours", "8")])
            #expect(noReason.status == .seeOther && declined.status == .seeOther && confirmed.status == .seeOther && again.status == .seeOther)
            #expect(mine.contains("未认定：当天流动舞台只安排了 8 小时") && mine.contains("已确认时长"))
            #expect(corrected.status == .seeOther)
            #expect(try await VolunteerShift.find(entries[1].id, on: app.db)?.hoursState == .confirmed)
            _ = clock
        }
    }

    @Test(arguments: [(5_970, 0), (6_000, 1)])
    func starLevelsFollowConfirmedMinutes(minutes: Int, stars: Int) async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let org = try await Self.org(f.chengguanStation, on: app.db)
            let citizen = try await Account.query(on: app.db).filter(\.$login == "13800000001").first()!
            try await Self.member(citizen, of: org, on: app.db)
            // Confirmed hours in 10-hour days, the remainder on the last.
            var left = minutes, day = 0.0
            while left > 0 {
                let m = min(left, 600)
                let s = VolunteerShift()
                s.$account.id = citizen.id!; s.$org.id = org.id!; s.$venue.id = org.$venue.id; s.regionPath = org.regionPath
                s.startsAt = clock.now().addingTimeInterval(-(200 - day) * 86_400 / 2); s.endsAt = s.startsAt.addingTimeInterval(Double(m) * 60)
                s.cancelled = false; s.hoursState = .confirmed; s.minutes = m; s.note = "演出服务"; s.decisionReason = ""; s.ratingNote = ""; s.createdAt = clock.now()
                try await s.create(on: app.db)
                left -= m; day += 1
            }
            let record = try await VolunteerRecord.load(citizen, levels: app.settings.volunteerStars, on: app.db)
            #expect(record.confirmedMinutes == minutes && record.stars == stars)
            let lowered = try await VolunteerRecord.load(citizen, levels: StarLevel(parsing: "50,99")!, on: app.db)
            #expect(lowered.stars == 2, "thresholds changed: 99.5 h and 100 h both pass 99 h")
        }
    }
}
