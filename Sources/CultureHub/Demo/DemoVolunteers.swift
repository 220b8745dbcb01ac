import Fluent
import Foundation

/// Two volunteer organisations with approved volunteers, applications waiting, a year of posts and hours, and honours.
enum DemoVolunteers {
    static func load(on db: any Database, now: Date, timeZone: TimeZone) async throws {
        var random = SeededRandom(seed: 20_261_205)
        let centre = try await Venue.query(on: db).filter(\.$type == .culturalCentre).first()
        let library = try await Venue.query(on: db).filter(\.$type == .library).first()
        let residents = try await Account.query(on: db).filter(\.$login =~ "demo-resident-").sort(\.$login).limit(24).all()
        var orgs: [VolunteerOrg] = []
        for (venue, name, leader, phone, note) in [
            (centre, "新密市文化馆文化志愿服务队", "李秀英", "13903710001", "文艺演出、送戏下乡、群众文艺辅导"),
            (library, "新密市图书馆“书香”志愿服务队", "赵文华", "13903710002", "阅读推广、少儿故事会、流动图书车借还"),
        ] {
            guard let venue else { continue }
            let org = VolunteerOrg()
            org.id = UUID()
            org.$venue.id = venue.id!
            org.regionPath = venue.regionPath
            org.name = name
            org.leaderName = leader
            org.leaderPhone = phone
            org.scopeNote = note
            org.createdAt = now.addingTimeInterval(-300 * 86_400)
            orgs.append(org)
        }
        guard !orgs.isEmpty else { return }
        let applications = residents.enumerated().map { n, resident -> VolunteerApplication in
            let a = VolunteerApplication()
            let org = orgs[n % orgs.count]
            a.$org.id = org.id!
            a.$account.id = resident.id!
            a.regionPath = org.regionPath
            a.skillCodes = [VolunteerSkill.allCases[n % 7], VolunteerSkill.allCases[(n + 3) % 7]].map(\.rawValue).joined(separator: ",")
            a.availability = random.pick(["周末上午", "周六全天", "工作日晚上", "每周三下午"])
            a.areas = random.pick(["", "城关镇", "市区各馆", "米村镇"])
            a.createdAt = now.addingTimeInterval(-Double(random.int(1...200)) * 86_400)
            // The newest few wait for review; one was declined with a reason.
            a.status = n < 4 ? .pending : n == 4 ? .declined : .approved
            a.reason = n == 4 ? "本期招募的讲解员已满，欢迎报名下期。" : ""
            if a.status != .pending { a.decidedAt = a.createdAt.addingTimeInterval(2 * 86_400) }
            return a
        }
        var allApplications = applications
        // The demo citizen account is a member of the cultural centre's corps.
        if let demoCitizen = try await Account.query(on: db).filter(\.$login == "13800000001").first() {
            let a = VolunteerApplication()
            a.$org.id = orgs[0].id!; a.$account.id = demoCitizen.id!; a.regionPath = orgs[0].regionPath
            a.skillCodes = "performance,organising"; a.availability = "周末全天"; a.areas = "城关镇"
            a.status = .approved; a.reason = ""; a.createdAt = now.addingTimeInterval(-120 * 86_400); a.decidedAt = now.addingTimeInterval(-118 * 86_400)
            allApplications.append(a)
        }
        let allOrgs = orgs, finalApplications = allApplications
        try await db.writeTransaction { tx in
            try await allOrgs.create(on: tx)
            try await finalApplications.create(on: tx)
        }
        try await loadService(orgs: orgs, members: finalApplications.filter { $0.status == .approved }, now: now, timeZone: timeZone, random: &random, on: db)
    }

    /// Past posts with confirmed hours (the leaderboard and star levels), hours waiting for
    /// confirmation, upcoming posts with sign-ups, and honours.
    static func loadService(orgs: [VolunteerOrg], members: [VolunteerApplication], now: Date, timeZone: TimeZone,
                            random: inout SeededRandom, on db: any Database) async throws {
        let time = DisplayTime(timeZone: timeZone, now: now)
        let centreDuties = [("演出现场引导员", "引导观众入场、就座，维持现场秩序，照顾老人和孩子。"), ("展览讲解员", "为观众讲解展览内容，需提前参加一次培训。"),
                            ("广场舞辅导", "在村文化广场带练广场舞，纠正动作。"), ("活动摄影", "拍摄活动现场照片，当天整理交给文化馆。")]
        let libraryDuties = [("少儿故事会助教", "协助老师组织孩子们读绘本、做手工。"), ("流动图书车借还", "随流动图书车下村，办理图书借还、登记读者。"),
                             ("阅读推广志愿者", "在阅览区向读者推荐新书，协助办理借书证。")]
        var posts: [VolunteerPost] = [], shifts: [VolunteerShift] = []
        for n in 0..<30 {
            let org = orgs[n % orgs.count]
            let daysAgo = n < 24 ? 300 - n * 12 : -(n - 23) * 3
            let day = time.day(after: -daysAgo)
            let startMinute = random.pick([8 * 60 + 30, 9 * 60, 14 * 60 + 30])
            guard let start = time.instant(day: day, minute: startMinute) else { continue }
            let duties = org === orgs[0] ? centreDuties : libraryDuties
            let (title, text) = duties[(n / 2) % duties.count]
            let post = VolunteerPost()
            post.id = UUID(); post.$org.id = org.id!; post.$venue.id = org.$venue.id; post.regionPath = org.regionPath
            post.title = title; post.duties = text; post.place = org === orgs[0] ? "市文化馆" : "市图书馆"
            post.startsAt = start; post.endsAt = start.addingTimeInterval(Double(random.pick([2, 3, 4])) * 3_600)
            post.slots = random.pick([4, 6, 8]); post.taken = 0; post.closed = false; post.createdAt = start.addingTimeInterval(-10 * 86_400)
            let crew = members.filter { $0.$org.id == org.id }.shuffledDeterministically(&random).prefix(min(post.slots - 1, 4))
            for member in crew {
                let s = VolunteerShift()
                s.$account.id = member.$account.id; s.$org.id = org.id!; s.$venue.id = org.$venue.id; s.regionPath = org.regionPath; s.$post.id = post.id
                s.startsAt = post.startsAt; s.endsAt = post.endsAt; s.cancelled = false; s.note = ""; s.decisionReason = ""; s.ratingNote = ""
                s.createdAt = post.createdAt.addingTimeInterval(86_400); s.hoursState = .none; s.minutes = 0
                if daysAgo > 0 {
                    s.checkedInAt = post.startsAt; s.checkedOutAt = post.endsAt; s.minutes = Int(post.endsAt.timeIntervalSince(post.startsAt) / 60)
                    // The most recent past post still waits for confirmation.
                    s.hoursState = n == 23 ? .pending : .confirmed
                    if s.hoursState == .confirmed { s.decidedAt = post.endsAt.addingTimeInterval(86_400); if random.chance(0.5) { s.rating = random.pick([4, 5, 5]); s.ratingNote = random.pick(["", "认真负责", "热情周到，观众反映好"]) } }
                }
                shifts.append(s)
            }
            post.taken = crew.count
            posts.append(post)
        }
        // A volunteer's own entry of a day with the mobile stage, waiting for approval.
        if let member = members.first, let start = time.instant(day: time.day(after: -4), minute: 8 * 60) {
            let s = VolunteerShift()
            s.$account.id = member.$account.id; s.$org.id = member.$org.id; s.$venue.id = orgs.first { $0.id == member.$org.id }!.$venue.id
            s.regionPath = member.regionPath; s.startsAt = start; s.endsAt = start.addingTimeInterval(8 * 3_600); s.cancelled = false
            s.hoursState = .pending; s.minutes = 480; s.note = "随流动舞台到米村镇拐峪村演出"; s.decisionReason = ""; s.ratingNote = ""; s.createdAt = now.addingTimeInterval(-3 * 86_400)
            shifts.append(s)
        }
        var honours: [VolunteerHonour] = []
        for (n, member) in members.prefix(2).enumerated() {
            let h = VolunteerHonour()
            h.$account.id = member.$account.id; h.$org.id = member.$org.id; h.regionPath = member.regionPath
            h.title = n == 0 ? "2025 年度优秀文化志愿者" : "送戏下乡志愿服务先进个人"; h.awardedOn = n == 0 ? "2026-01-15" : "2026-06-30"; h.note = ""
            h.createdAt = now.addingTimeInterval(-100 * 86_400)
            honours.append(h)
        }
        let allPosts = posts, allShifts = shifts, allHonours = honours
        try await db.writeTransaction { tx in
            try await allPosts.create(on: tx)
            try await allShifts.create(on: tx)
            try await allHonours.create(on: tx)
        }
    }
}

private extension Sequence {
    func shuffledDeterministically(_ random: inout SeededRandom) -> [Element] {
        var items = Array(self)
        for i in items.indices.reversed() where i > 0 { items.swapAt(i, random.int(0...i)) }
        return items
    }
}
