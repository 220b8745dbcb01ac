import Fluent
import Foundation
import KPIMetrics
import Vapor
@testable import CultureHub

/// October 2026 in the fixture city, with every figure worked out by hand (the clock reads
/// 2026-11-18, so October is over). 城关镇 is busy; 米村镇 only opens; the library is idle.
enum EvaluationFixture {
    static let zone = TimeZone(identifier: "Asia/Shanghai")!

    static func at(_ day: String, _ hour: Int, _ minute: Int = 0) -> Date {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let p = day.split(separator: "-").map { Int($0)! }
        return cal.date(from: DateComponents(year: p[0], month: p[1], day: p[2], hour: hour, minute: minute))!
    }

    /// The inputs 城关镇 must come to.
    static var chengguanInputs: UnitInputs {
        var i = UnitInputs()
        i.population = 94_000
        i.weeklyOpeningMinutes = 2_400
        // The hall inherits the station's hours: 480 minutes on each of October's 22 weekdays.
        i.openSpaceMinutes = 10_560
        i.usedSpaceMinutes = 300
        i.activities = 3; i.largeEvents = 1; i.trainings = 1; i.specialGroupEvents = 1
        i.participations = 352; i.distinctParticipants = 1
        i.confirmedPlaces = 3; i.checkedInPlaces = 2
        i.ratings = 3; i.satisfiedRatings = 2
        i.reportsDue = 3; i.reportsOnTime = 1
        i.villages = 1; i.villagesWithCentre = 1; i.villagesServedByMobile = 1
        i.fullTimeRequired = 2
        i.venues = 2
        i.inspectionFindings = 1; i.upheldComplaints = 1; i.integrityFlags = 1
        return i
    }

    static func seed(_ f: Fixtures, on db: any Database) async throws {
        for (venue, days) in [(f.chengguanStation, 1...5), (f.micunStation, 1...6)] {
            for d in days { try await OpeningHours(venueID: venue.id!, weekday: d, opensAt: 540, closesAt: 1020).create(on: db) }
        }
        let citizen = try await Account.query(on: db).filter(\.$login == "13800000001").first()!
        // A1: a training for older people in the hall, 250 counted at the door, reported on time.
        let a1 = try await activity(f.chengguanStation, kind: .training, groups: [.elderly], start: at("2026-10-12", 10), space: f.chengguanSpace, headcount: 250, on: db)
        try await report(a1, attendance: 250, checkedIn: 0, headcount: 250, filed: at("2026-10-13", 9), on: db)
        // A2: a show with registration: 2 places checked in, 1 no-show; its report never came.
        let a2 = try await activity(f.chengguanStation, kind: .performance, groups: [.everyone], start: at("2026-10-18", 19), mode: .required, on: db)
        try await registration(a2, account: citizen, places: 2, status: .confirmed, checkedIn: true, on: db)
        try await registration(a2, account: nil, places: 1, status: .noShow, checkedIn: false, on: db)
        // A3: a lecture taken to 东关村, 30 counted, 100 reported a month late.
        let a3 = try await activity(f.chengguanStation, kind: .lecture, groups: [.everyone], start: at("2026-10-25", 9), village: f.chengguanVillage, headcount: 30, on: db)
        try await report(a3, attendance: 100, checkedIn: 0, headcount: 30, filed: at("2026-11-10", 9), on: db)
        // Outside October: does not count.
        _ = try await activity(f.chengguanStation, kind: .training, groups: [.children], start: at("2026-09-30", 8), headcount: 500, on: db)
        // A three-hour booking of the hall.
        let b = SpaceBooking()
        b.$space.id = f.chengguanSpace.id!; b.$venue.id = f.chengguanStation.id!; b.regionPath = f.chengguanStation.regionPath
        b.teamName = "城关广场舞队"; b.contactPhone = "13800000009"; b.purpose = "排练"; b.attendees = 20
        b.startsAt = at("2026-10-20", 14); b.endsAt = at("2026-10-20", 17); b.rate = .free; b.feeFen = 0; b.status = .approved
        b.decisionReason = ""; b.createdAt = at("2026-10-01", 9)
        try await b.create(on: db)
        for (n, score) in [5, 4, 3].enumerated() { try await rating(f.chengguanStation, score: score, key: "venue-\(n)", at: at("2026-10-\(10 + n)", 12), on: db) }
        try await rating(f.chengguanStation, score: 1, key: "late", at: at("2026-11-02", 12), on: db)
        // One inspection with one failed item, and one upheld complaint.
        let inspection = Inspection(venue: f.chengguanStation, on: "2026-10-15", inspector: "市局督查组", unannounced: true, summary: "暗访", by: nil, at: at("2026-10-15", 16))
        try await inspection.create(on: db)
        for (item, passed) in [(InspectionChecklist.openingAsPosted, true), (.noticeDisplayed, false)] {
            try await InspectionItem(inspection: inspection.id!, item: item, passed: passed, note: passed ? "" : "公示牌缺失").create(on: db)
        }
        let c = Complaint()
        c.$account.id = citizen.id; c.kind = .complaint; c.category = .opening; c.$venue.id = f.chengguanStation.id!
        c.regionPath = f.chengguanStation.regionPath; c.text = "挂牌开放却锁门"; c.contact = .none; c.status = .closed
        c.upheld = true; c.answer = "已整改"; c.dueAt = at("2026-10-20", 17); c.createdAt = at("2026-10-13", 10)
        try await c.create(on: db)
    }

    static func activity(_ venue: Venue, kind: ServiceKind, groups: [TargetGroup], start: Date, space: Space? = nil, village: Region? = nil,
                         mode: RegistrationMode = .open, headcount: Int? = nil, on db: any Database) async throws -> Activity {
        let a = Activity()
        a.$venue.id = venue.id!; a.regionPath = venue.regionPath; a.heldInPath = village?.path ?? venue.regionPath
        a.$space.id = space?.id; a.$village.id = village?.id; a.location = ""
        a.kind = kind; a.title = "\(kind.zh)活动"; a.details = ""; a.targetGroupCodes = TargetGroup.encode(groups)
        a.startsAt = start; a.endsAt = start.addingTimeInterval(7200); a.registration = mode
        a.capacity = 50; a.confirmedPlaces = 0; a.waitingPlaces = 0; a.perAccountLimit = 5; a.status = .published
        a.headcount = headcount; a.reportDueAt = start.addingTimeInterval(3 * 86_400)
        try await a.create(on: db)
        return a
    }

    static func report(_ a: Activity, attendance: Int, checkedIn: Int, headcount: Int?, filed: Date, on db: any Database) async throws {
        let r = ActivityReport()
        r.$activity.id = a.id!; r.$venue.id = a.$venue.id; r.regionPath = a.regionPath; r.dueAt = a.reportDueAt!
        r.attendance = attendance; r.onlineAttendance = 0; r.checkedIn = checkedIn; r.headcount = headcount
        r.summary = "活动顺利"; r.excessReason = ""; r.flagged = false; r.submittedAt = filed
        r.idempotencyKey = UUID().uuidString; r.delivery = .accepted
        try await r.create(on: db)
    }

    static func registration(_ a: Activity, account: Account?, places: Int, status: RegistrationStatus, checkedIn: Bool, on db: any Database) async throws {
        let g = Registration()
        g.$activity.id = a.id!; g.regionPath = a.regionPath; g.$account.id = account?.id
        g.name = "张大爷"; g.phone = "13800000001"; g.places = places; g.status = status
        g.checkedInAt = checkedIn ? a.startsAt : nil; g.createdAt = a.startsAt.addingTimeInterval(-86_400)
        try await g.create(on: db)
    }

    static func rating(_ venue: Venue, score: Int, key: String, at date: Date, on db: any Database) async throws {
        let account = Account(login: "1390000\(String(format: "%04d", abs(key.hashValue) % 10_000))", displayName: "评价人", passwordHash: "x", role: .citizen)
        account.phoneVerifiedAt = date
        try await account.create(on: db)
        let r = Rating()
        r.targetKey = "venue:" + key; r.$account.id = account.id!; r.$venue.id = venue.id!; r.regionPath = venue.regionPath
        r.score = score; r.comment = ""; r.createdAt = date; r.updatedAt = date
        try await r.create(on: db)
    }
}
