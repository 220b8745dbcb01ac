import Fluent
import Foundation

/// Folk art teams with members, guidance and shows; original works with awards and
/// performances; a consumption season, a sponsorship and two service brands (R6.2–R6.4).
enum DemoCommunity {
    static let teamNames: [(String, FolkArtKind)] = [
        ("豫剧团", .opera), ("广场舞队", .dance), ("锣鼓队", .instrumental), ("合唱团", .choir), ("书画社", .calligraphy),
        ("舞龙舞狮队", .folkPerformance), ("曲艺队", .quyi), ("腰鼓队", .dance), ("唢呐班", .instrumental), ("戏迷协会", .opera),
    ]
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "郭", "马", "孙", "朱", "胡"]
    static let givenNames = ["秀兰", "建国", "桂英", "志强", "玉梅", "红霞", "国庆", "淑珍", "海燕", "卫东", "春花", "德胜"]
    static let parts = ["领唱", "板胡", "鼓手", "编导", "青衣", "老生", "领舞", "唢呐", "笙", "队员", "队员", "队员"]

    static func load(on db: any Database, now: Date, timeZone: TimeZone) async throws {
        var random = SeededRandom(seed: 20_261_206)
        let time = DisplayTime(timeZone: timeZone, now: now)
        let townships = try await Region.query(on: db).filter(\.$level == .township).sort(\.$code).all()
        let villages = try await Region.query(on: db).filter(\.$level == .village).sort(\.$code).all()
        let centreStaff = try await Account.query(on: db).filter(\.$role == .venueManager).sort(\.$login).first()
        let demoCitizen = try await Account.query(on: db).filter(\.$login == "13800000001").first()
        guard !townships.isEmpty else { return }
        var teams: [FolkTeam] = [], members: [FolkTeamMember] = [], guidance: [FolkTeamGuidance] = [], links: [FolkTeamActivity] = []
        for (t, township) in townships.enumerated() {
            let ownVillages = villages.filter { RegionPath.isWithin($0.path, township.path) }
            for n in 0..<(1 + t % 3) {
                let (suffix, kind) = teamNames[(t * 3 + n) % teamNames.count]
                let village = n == 0 ? nil : ownVillages.isEmpty ? nil : random.pick(ownVillages)
                let team = FolkTeam()
                team.id = UUID()
                team.name = (village?.name ?? township.name.replacingOccurrences(of: "街道", with: "").replacingOccurrences(of: "管委会", with: "")) + suffix
                team.kind = kind
                team.$township.id = township.id!
                team.townshipPath = township.path
                team.$village.id = village?.id
                team.regionPath = village?.path ?? township.path
                team.leaderName = random.pick(surnames) + random.pick(givenNames)
                team.foundedYear = random.int(1998...2022)
                team.registered = random.chance(0.6)
                team.registrationNumber = team.registered ? String(format: "新文团登字 %04d-%03d", random.int(2015...2025), teams.count + 1) : ""
                team.registeredOn = team.registered ? String(format: "%04d-%02d-%02d", random.int(2015...2025), random.int(1...12), random.int(1...28)) : nil
                team.details = "\(team.foundedYear!) 年成立，常年在\(village?.name ?? township.name)文化广场排练演出。"
                team.createdAt = now.addingTimeInterval(-400 * 86_400)
                // The demo citizen leads the first team, so the team-rate booking can be tried.
                if teams.isEmpty, let demoCitizen { team.$leader.id = demoCitizen.id; team.leaderName = demoCitizen.displayName; team.registered = true
                    team.registrationNumber = "新文团登字 2019-001"; team.registeredOn = "2019-06-18" }
                teams.append(team)
                for m in 0..<random.int(6...14) {
                    let member = FolkTeamMember()
                    member.$team.id = team.id!
                    member.name = random.pick(surnames) + random.pick(givenNames)
                    member.part = m == 0 ? "队长" : random.pick(parts)
                    member.joinedYear = random.int(team.foundedYear!...2026)
                    member.createdAt = team.createdAt
                    members.append(member)
                }
                for _ in 0..<random.int(1...4) {
                    let g = FolkTeamGuidance()
                    g.$team.id = team.id!
                    g.guideAccountID = centreStaff?.id
                    g.guideName = "市文化馆 " + random.pick(["李老师", "王老师", "赵老师"])
                    g.day = time.day(after: -random.int(5...320))
                    g.minutes = random.pick([90, 120, 150, 180])
                    g.topic = random.pick(["唱腔与身段辅导", "队形编排", "节目排练指导", "锣鼓经教学", "舞台化妆与服装", "合唱声部训练"])
                    g.notes = ""
                    g.createdAt = now
                    guidance.append(g)
                }
            }
        }
        let shows = try await Activity.query(on: db).filter(\.$kind == .performance).filter(\.$status != .cancelled).filter(\.$startsAt < now)
            .sort(\.$startsAt).all()
        for show in shows {
            let local = teams.filter { RegionPath.isWithin(show.heldInPath, $0.townshipPath) }
            guard !local.isEmpty, random.chance(0.7) else { continue }
            let link = FolkTeamActivity()
            link.$team.id = random.pick(local).id!
            link.$activity.id = show.id!
            link.role = random.pick(["演出", "演出", "主演", "开场节目"])
            link.createdAt = show.endsAt
            links.append(link)
        }
        let works = makeWorks(teams: teams, shows: shows, citizen: demoCitizen, time: time, now: now, random: &random)
        let campaigns = try await makeCampaigns(time: time, now: now, on: db)
        let all = (teams, members, guidance, links, works.0, works.1, campaigns.0, campaigns.1)
        try await db.writeTransaction { tx in
            try await all.0.create(on: tx)
            try await all.1.create(on: tx)
            try await all.2.create(on: tx)
            try await all.3.create(on: tx)
            try await all.4.create(on: tx)
            try await all.5.create(on: tx)
            try await all.6.create(on: tx)
            try await all.7.create(on: tx)
        }
    }

    static func makeWorks(teams: [FolkTeam], shows: [Activity], citizen: Account?, time: DisplayTime, now: Date,
                          random: inout SeededRandom) -> ([CreativeWork], [CreativeWorkEvent]) {
        let titles: [(String, WorkKind, String)] = [
            ("豫剧小戏《新密新事》", .opera, "编剧 王建国，唱腔设计 李秀兰"), ("歌曲《伏羲山下是我家》", .song, "词 赵文华，曲 张志强"),
            ("舞蹈《超化麦收》", .dance, "编导 杨海燕"), ("河南坠子《好媳妇》", .quyi, "创作 郭德胜"), ("小品《点单》", .drama, "编剧 刘卫东"),
            ("书法《溱洧长流》", .calligraphy, "马淑珍"), ("歌曲《书香新密》", .song, "词曲 周春花"), ("豫剧清唱《打金枝》新编", .opera, "改编 陈国庆"),
            ("舞蹈《红石林》", .dance, "编导 孙红霞"), ("国画《青屏山秋色》", .painting, "胡玉梅"),
        ]
        var works: [CreativeWork] = [], events: [CreativeWorkEvent] = []
        for (n, (title, kind, creators)) in titles.enumerated() {
            let team = n % 3 == 2 ? nil : teams[(n * 5) % teams.count]
            let w = CreativeWork()
            w.id = UUID()
            w.title = title
            w.kind = kind
            w.creators = creators
            w.teamID = team?.id
            w.regionPath = team?.townshipPath ?? teams[n % teams.count].townshipPath
            w.createdOn = time.day(after: -random.int(120...700))
            w.mediaLinks = ""
            w.details = "取材于新密本地生活，由群众自编自演。"
            w.listed = true
            w.createdAt = now.addingTimeInterval(-100 * 86_400)
            works.append(w)
            let g = CreativeWorkEvent()
            g.$work.id = w.id!; g.kind = .guidance; g.day = w.createdOn; g.text = "市文化馆创作辅导：结构与唱词修改"; g.createdAt = now
            events.append(g)
            if n % 2 == 0 {
                let a = CreativeWorkEvent()
                a.$work.id = w.id!; a.kind = .award; a.day = time.day(after: -random.int(10...100))
                a.text = random.pick(["郑州市群众文艺作品大赛 一等奖", "郑州市群众文艺作品大赛 二等奖", "河南省群星奖 入围", "新密市群众文艺汇演 优秀节目奖"])
                a.createdAt = now
                events.append(a)
            }
            if let show = shows.filter({ RegionPath.isWithin($0.heldInPath, w.regionPath) }).last {
                let p = CreativeWorkEvent()
                p.$work.id = w.id!; p.kind = .performance; p.day = DisplayTime.day(show.startsAt, in: time.timeZone); p.text = ""; p.$activity.id = show.id; p.createdAt = now
                if p.day >= w.createdOn { events.append(p) }
            }
        }
        // Two citizens' works wait for the cultural centre's review.
        for (title, kind) in [("快板《村里来了流动车》", WorkKind.quyi), ("摄影《黄帝宫晨光》", .photography)] {
            let w = CreativeWork()
            w.id = UUID(); w.title = title; w.kind = kind; w.creators = citizen?.displayName ?? "群众"; w.accountID = citizen?.id
            w.regionPath = teams[0].townshipPath; w.createdOn = time.day(after: -20); w.mediaLinks = ""; w.details = ""; w.listed = false; w.createdAt = now.addingTimeInterval(-2 * 86_400)
            works.append(w)
        }
        return (works, events)
    }

    static func makeCampaigns(time: DisplayTime, now: Date, on db: any Database) async throws -> ([Campaign], [CampaignActivity]) {
        let city = try await Region.query(on: db).filter(\.$level == .city).first()
        let root = city?.path ?? "/"
        func campaign(_ kind: CampaignKind, _ name: String, sponsor: String = "", starts: String, ends: String?, benefits: String = "", about: String) -> Campaign {
            let c = Campaign()
            c.id = UUID(); c.kind = kind; c.name = name; c.sponsor = sponsor; c.startsOn = starts; c.endsOn = ends; c.benefits = benefits; c.details = about
            c.regionPath = root; c.createdAt = now.addingTimeInterval(-90 * 86_400)
            return c
        }
        let season = campaign(.consumptionSeason, "\(time.today.prefix(4)) 新密市文化惠民消费季", starts: time.day(after: -60), ends: time.day(after: 30),
                              benefits: "剧场演出票 5 折；凭消费券观影立减 10 元；非遗文创产品 8 折", about: "文旅部门联合剧场、影院和文创企业开展的惠民消费活动。")
        let sponsor = campaign(.sponsorship, "“戏曲进乡村”社会赞助计划", sponsor: "新密市文化产业协会", starts: time.day(after: -200), ends: time.day(after: 60),
                               benefits: "为偏远村增加送戏场次，演出全部免费", about: "由协会会员企业出资，为偏远村增加戏曲演出。")
        let reading = campaign(.brand, "书香新密", starts: "2021-04-23", ends: nil, about: "全民阅读品牌：读书会、少儿故事会、流动图书车进村。")
        let opera = campaign(.brand, "密县戏韵", starts: "2022-01-01", ends: nil, about: "豫剧、曲剧周末专场和戏迷擂台赛。")
        let activities = try await Activity.query(on: db).filter(\.$status != .cancelled).all()
        var links: [CampaignActivity] = []
        func add(_ c: Campaign, _ a: Activity) {
            let l = CampaignActivity(); l.$campaign.id = c.id!; l.$activity.id = a.id!; l.createdAt = now; links.append(l)
        }
        for a in activities {
            let day = DisplayTime.day(a.startsAt, in: time.timeZone)
            if a.kind == .reading || a.kind == .mobileLibrary { add(reading, a) }
            if a.kind == .performance && (a.title.contains("豫剧") || a.title.contains("戏")) { add(opera, a) }
            if a.kind == .performance || a.kind == .film, day >= season.startsOn, day <= season.endsOn!, links.count % 3 == 0 { add(season, a) }
            // The sponsor pays for shows in villages (paths /city/township/village/).
            let inVillage = a.heldInPath.split(separator: "/").count >= 3
            if a.kind == .performance || a.$village.id != nil, inVillage, day >= sponsor.startsOn, day <= sponsor.endsOn!,
               links.filter({ $0.$campaign.id == sponsor.id }).count < 20 { add(sponsor, a) }
        }
        return ([season, sponsor, reading, opera], links)
    }
}
