import Fluent
import Foundation
import Workforce

/// Culture staff at every unit (one township lost a full-time member in June, some villages
/// have nobody), a year of training with some people behind, and budgets with spending (R7).
enum DemoWorkforce {
    static let surnames = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "郭", "马", "孙", "朱", "胡", "高", "林", "何"]
    static let given = ["建华", "丽娟", "志刚", "海燕", "晓东", "秀梅", "国强", "玉兰", "文杰", "春燕", "红军", "静", "磊", "敏", "涛", "娜"]

    static func load(on db: any Database, now: Date, timeZone: TimeZone) async throws {
        var random = SeededRandom(seed: 20_261_207)
        let time = DisplayTime(timeZone: timeZone, now: now)
        let year = Int(time.today.prefix(4))!
        let venues = try await Venue.query(on: db).sort(\.$regionPath).sort(\.$name).all()
        var members: [StaffMember] = [], phone = 13_700_000_000
        func person(_ venue: Venue, _ type: PostType, _ position: String, since: String, until: String? = nil, subsidy: Int = 0) {
            let m = StaffMember()
            m.id = UUID(); m.name = random.pick(surnames) + random.pick(given); phone += 1; m.phone = String(phone)
            m.$venue.id = venue.id!; m.regionPath = venue.regionPath; m.tier = UnitTier(venue.type); m.postType = type; m.position = position
            m.startsOn = since; m.endsOn = until; m.subsidyFen = subsidy; m.createdAt = now
            members.append(m)
        }
        var stations = 0
        for venue in venues {
            switch UnitTier(venue.type) {
            case .city:
                for n in 0..<random.int(3...5) { person(venue, .fullTime, n == 0 ? "馆长" : random.pick(["业务部主任", "辅导员", "馆员", "图书管理员"]), since: "\(random.int(2008...2022))-0\(random.int(1...9))-01") }
            case .township where venue.type != .townshipStation:
                person(venue, .partTime, "分馆管理员", since: "\(random.int(2016...2023))-04-01", subsidy: 60_000)
            case .township:
                stations += 1
                person(venue, .fullTime, "站长", since: "\(random.int(2012...2020))-03-01")
                // The third station lost its second full-time member at the end of June.
                person(venue, .fullTime, "文化专干", since: "\(random.int(2015...2022))-09-01", until: stations == 3 ? "\(year)-06-30" : nil)
                if random.chance(0.4) { person(venue, .partTime, "文艺辅导员", since: "\(random.int(2018...2024))-05-01", subsidy: 80_000) }
            case .village:
                // About one village in eight still has nobody in post.
                if random.chance(0.88) { person(venue, random.chance(0.85) ? .partTime : .concurrent, "文化管理员", since: "\(random.int(2016...2025))-0\(random.int(1...9))-15", subsidy: 50_000) }
            }
        }
        // Courses this year: the county's centralised training, and the province's off-job courses.
        let courses: [(String, String, TrainingKind, TrainingLevel, String, String, Int)] = [
            ("基层综合文化站站长培训班", "新密市文化广电和旅游体育局", .centralised, .county, "\(year)-03-16", "\(year)-03-18", 6),
            ("村级文化管理员集中培训", "新密市文化馆", .centralised, .county, "\(year)-05-20", "\(year)-05-21", 4),
            ("公共图书馆业务骨干研修班", "河南省图书馆", .offJob, .provincial, "\(year)-04-08", "\(year)-04-15", 16),
            ("群众文艺创作与辅导高级研修班", "河南省文化馆", .offJob, .provincial, "\(year)-09-09", "\(year)-09-13", 10),
            ("全国公共文化服务数字化培训（线下）", "文化和旅游部", .offJob, .national, "\(year)-10-20", "\(year)-10-22", 6),
        ]
        let city = try await Region.query(on: db).filter(\.$level == .city).first()
        var trainings: [TrainingCourse] = [], attendance: [TrainingAttendance] = []
        for (title, provider, kind, level, starts, ends, halves) in courses where starts <= time.today {
            let c = TrainingCourse()
            c.id = UUID(); c.title = title; c.provider = provider; c.kind = kind; c.level = level; c.startsOn = starts; c.endsOn = ends; c.dayHalves = halves
            c.regionPath = city?.path ?? "/"; c.createdAt = now
            trainings.append(c)
            let eligible = members.filter { ($0.tier == .city) == (kind == .offJob) && $0.startsOn <= ends && ($0.endsOn.map { $0 >= starts } ?? true) }
            for m in eligible where random.chance(kind == .offJob ? 0.7 : 0.9) {
                let a = TrainingAttendance()
                a.$course.id = c.id!; a.$member.id = m.id!; a.regionPath = m.regionPath; a.dayHalves = halves
                a.certificateNote = random.chance(0.5) ? "结业证书 \(year)-\(random.int(100...999))" : ""; a.createdAt = now
                attendance.append(a)
            }
        }
        // Budgets for the city venues and stations, and a year of spending.
        var budgets: [BudgetLine] = [], spending: [Expenditure] = []
        for venue in venues where UnitTier(venue.type) != .village {
            let scale: Int64 = UnitTier(venue.type) == .city ? 10 : 2
            for category in BudgetCategory.allCases {
                for source in FundingSource.allCases where source != .social || category == .activities {
                    if source == .townshipSupplement && UnitTier(venue.type) == .city { continue }
                    let b = BudgetLine()
                    b.$venue.id = venue.id!; b.regionPath = venue.regionPath; b.year = year; b.category = category; b.source = source
                    b.amountFen = scale * Int64(random.int(2...8)) * 1_000_000; b.note = ""; b.createdAt = now
                    budgets.append(b)
                }
                let lineTotal = budgets.filter { $0.$venue.id == venue.id && $0.category == category }.reduce(Int64(0)) { $0 + $1.amountFen }
                let months = Int(time.today.dropFirst(5).prefix(2))!
                var spent: Int64 = 0
                for month in 1...months {
                    let amount = lineTotal / 14 + Int64(random.int(0...99_999))
                    guard spent + amount <= lineTotal else { break }
                    spent += amount
                    let e = Expenditure()
                    e.$venue.id = venue.id!; e.regionPath = venue.regionPath; e.year = year; e.spentOn = String(format: "%04d-%02d-%02d", year, month, random.int(3...27))
                    e.category = category; e.amountFen = amount; e.voucher = "记账凭证 \(year)-\(String(format: "%02d", month))-\(random.int(100...999))"; e.overrideReason = ""; e.createdAt = now
                    if e.spentOn <= time.today { spending.append(e) }
                }
            }
        }
        let all = (members, trainings, attendance, budgets, spending)
        try await db.writeTransaction { tx in
            try await all.0.create(on: tx)
            try await all.1.create(on: tx)
            try await all.2.create(on: tx)
            try await all.3.create(on: tx)
            try await all.4.create(on: tx)
        }
    }
}
