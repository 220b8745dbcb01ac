import Fluent
import Foundation

/// Two volunteer organisations with approved volunteers and applications waiting.
enum DemoVolunteers {
    static func load(on db: any Database, now: Date) async throws {
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
        let allOrgs = orgs
        try await db.writeTransaction { tx in
            try await allOrgs.create(on: tx)
            try await applications.create(on: tx)
        }
    }
}
