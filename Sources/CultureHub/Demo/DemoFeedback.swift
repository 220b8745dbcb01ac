import Fluent
import Foundation
import KPIMetrics
import Scheduling
import SQLKit

/// Demo ratings, complaints in every state, and two surveys with online and paper answers,
/// spread over the year so the satisfaction pages show months and channels.
enum DemoFeedback {
    static let comments: [Int: [String]] = [
        5: ["老师讲得很细，回家还能自己练。", "场地干净，工作人员很热情。", "孩子特别喜欢，下次还来。", "免费还这么好，点赞！", "戏唱得地道，老伴听得直鼓掌。"],
        4: ["整体不错，就是开始得晚了十分钟。", "内容挺好，希望多办几期。", "座位有点挤，其他都满意。", ""],
        3: ["一般吧，音响效果不太好。", "报名的人太多，没抢到前排。", ""],
        2: ["空调没开，太热了。", "通知的时间和实际不一致。"],
        1: ["等了半小时没人管。"],
    ]

    static func load(on db: any Database, now: Date, timeZone: TimeZone) async throws {
        var random = SeededRandom(seed: 20_261_128)
        let time = DisplayTime(timeZone: timeZone, now: now)
        let venues = try await Venue.query(on: db).filter(\.$type != .villageCentre).filter(\.$type != .libraryBranch).all()
        let names = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"]
        // Residents who took part: accounts that cannot sign in (no password), so the demo stays safe.
        let residents = (0..<60).map { i -> Account in
            let a = Account(login: "demo-resident-\(i)", displayName: names[i % names.count] + ["秀兰", "建国", "桂英", "志强", "玉梅"][i % 5], passwordHash: "!", role: .citizen)
            a.id = UUID()
            a.phoneVerifiedAt = now
            return a
        }
        // Checked-in registrations of ended activities become theirs, and about half of them rate.
        let attended = try await Registration.query(on: db).filter(\.$checkedInAt != nil).filter(\.$account.$id == nil).all()
        let activities = Dictionary(uniqueKeysWithValues: try await Activity.query(on: db).all().map { ($0.id!, $0) })
        var ratings: [Rating] = []
        var claimed: [(UUID, UUID)] = []
        for (n, registration) in attended.enumerated() where random.chance(0.5) {
            guard let activity = activities[registration.$activity.id] else { continue }
            let resident = residents[n % residents.count]
            guard !ratings.contains(where: { $0.$account.id == resident.id && $0.targetKey == RatingTarget.activity(activity.id!).key }) else { continue }
            claimed.append((registration.id!, resident.id!))
            ratings.append(rating(.activity(activity.id!), by: resident, venueID: activity.$venue.id, regionPath: activity.regionPath,
                                  at: activity.endsAt.addingTimeInterval(Double(random.int(1800...86_400))), random: &random))
        }
        // Venue ratings through the year.
        for venue in venues {
            for resident in residents.prefix(random.int(3...12)) {
                let at = now.addingTimeInterval(-Double(random.int(3600...300 * 86_400)))
                ratings.append(rating(.venue(venue.id!), by: resident, venueID: venue.id!, regionPath: venue.regionPath, at: at, random: &random))
            }
        }
        if let abusive = ratings.first(where: { $0.score == 1 }) {
            abusive.comment = "什么破地方，管理员都是＊＊"
            abusive.hiddenReason = "含有侮辱性言辞"
            abusive.hiddenAt = abusive.createdAt.addingTimeInterval(7200)
        }
        let complaints = try await complaintsAndHistory(venues: venues, residents: residents, now: now, timeZone: timeZone, random: &random)
        let allRatings = ratings, allClaimed = claimed
        try await db.writeTransaction { tx in
            try await residents.create(on: tx)
            let sql = tx as! any SQLDatabase
            for (registrationID, accountID) in allClaimed {
                try await sql.update(Registration.schema).set("account_id", to: accountID).where("id", .equal, registrationID).run()
            }
            for chunk in stride(from: 0, to: allRatings.count, by: 200) { try await Array(allRatings[chunk..<min(chunk + 200, allRatings.count)]).create(on: tx) }
            for (complaint, events) in complaints {
                try await complaint.create(on: tx)
                try await events.create(on: tx)
            }
        }
        try await surveys(venues: venues, residents: residents, now: now, time: time, random: &random, on: db)
        try await demands(residents: residents, now: now, random: &random, on: db)
    }

    private static func demands(residents: [Account], now: Date, random: inout SeededRandom, on db: any Database) async throws {
        let villages = try await Region.query(on: db).filter(\.$level == .village).sort(\.$code).all()
        let items = try await ServiceItem.query(on: db).filter(\.$orderable == true).all()
        guard !villages.isEmpty else { return }
        let wishes: [(ServiceKind, String)] = [
            (.film, "希望夏天每月在村广场放一场露天电影，最好是周末晚上。"), (.performance, "想看豫剧《穆桂英挂帅》，村里老人都爱听。"),
            (.training, "希望有老师来教广场舞，村里有二十多个姐妹想学。"), (.lecture, "想听听防电信诈骗的讲座，老人老被骗。"),
            (.mobileLibrary, "流动图书车能不能每月来一次？孩子们放学后想借书。"), (.coaching, "村里锣鼓队缺人指导，想请文化馆老师来辅导。"),
            (.sports, "想在文化广场装几件健身器材。"), (.training, "希望开智能手机使用培训，学会视频通话和挂号。"),
            (.performance, "春节前想请剧团来村里演一场。"), (.reading, "想给孩子们办一个暑期读书会。"),
            (.film, "希望放一些科教片，讲讲种植技术。"), (.lecture, "想了解一下新农合报销政策的讲座。"),
        ]
        var demands: [Demand] = []
        var supports: [DemandSupport] = []
        for (i, wish) in wishes.enumerated() {
            let village = villages[(i * 37) % villages.count]
            let d = Demand()
            d.id = UUID()
            d.$account.id = residents[i].id
            d.kind = wish.0; d.details = wish.1; d.$village.id = village.id!; d.regionPath = village.path
            d.createdAt = now.addingTimeInterval(-Double(random.int(2...60)) * 86_400)
            let backers = [residents[i]] + residents.filter { $0.id != residents[i].id }.prefix(random.int(0...18))
            d.supports = backers.count
            supports += backers.map { DemandSupport(demandID: d.id!, accountID: $0.id!, at: d.createdAt.addingTimeInterval(Double(random.int(600...400_000)))) }
            d.answer = ""
            d.status = .open
            if i % 4 == 1, let item = items.first(where: { $0.kind == wish.0 }) {
                d.status = .adopted; d.$serviceItem.id = item.id; d.answer = "已列入本季度服务菜单，村文化管理员可直接点单。"
            } else if i % 4 == 3 {
                d.status = .declined
                d.answer = wish.0 == .sports ? "健身器材由体育部门统一配置，已把您的需求转给市体育中心。"
                    : "本年度的活动计划已经排满，已列入明年第一季度的计划，届时会在这里通知。"
            }
            if d.status != .open { d.answeredAt = d.createdAt.addingTimeInterval(5 * 86_400) }
            demands.append(d)
        }
        let allDemands = demands, allSupports = supports
        try await db.writeTransaction { tx in
            try await allDemands.create(on: tx)
            try await allSupports.create(on: tx)
        }
    }

    private static func rating(_ target: RatingTarget, by account: Account, venueID: UUID, regionPath: String, at: Date, random: inout SeededRandom) -> Rating {
        let r = Rating()
        let roll = random.unit()
        r.score = roll < 0.5 ? 5 : roll < 0.8 ? 4 : roll < 0.92 ? 3 : roll < 0.97 ? 2 : 1
        r.comment = random.pick(comments[r.score]!)
        r.targetKey = target.key
        r.$account.id = account.id!
        if case .activity(let id) = target { r.$activity.id = id }
        r.$venue.id = venueID
        r.regionPath = regionPath
        r.createdAt = at
        r.updatedAt = at
        return r
    }

    private static func complaintsAndHistory(venues: [Venue], residents: [Account], now: Date, timeZone: TimeZone,
                                             random: inout SeededRandom) async throws -> [(Complaint, [ComplaintEvent])] {
        let calendar = WorkingCalendar(timeZone: timeZone)
        let cases: [(ComplaintKind, ComplaintCategory, String, ComplaintStatus, Double, String)] = [
            (.complaint, .opening, "周日下午四点就关门了，和门口公示的时间不一样。", .submitted, 1, ""),
            (.complaint, .facility, "阅览室的空调坏了一个多星期了，一直没人修。", .submitted, 9, ""),
            (.suggestion, .activity, "希望多开一些老年人学用智能手机的课。", .accepted, 3, ""),
            (.complaint, .service, "周末值班人员态度生硬，问路也不搭理。", .accepted, 6, ""),
            (.suggestion, .facility, "建议在少儿阅览区增加一些绘本。", .answered, 12, "已采购 300 册绘本，下周上架，欢迎带孩子来看。"),
            (.complaint, .safety, "广场舞场地晚上灯太暗，老人容易摔倒。", .answered, 4, "已增设两盏路灯，本周内安装完毕，谢谢提醒。"),
            (.complaint, .activity, "戏曲演出临时改了时间没有通知。", .closed, 30, "演出因天气原因调整，今后改期会提前在网站和微信群通知，向您致歉。"),
            (.suggestion, .other, "希望公众号能每周发一次活动预告。", .closed, 45, "已开通每周五发布下周活动预告。"),
        ]
        var out: [(Complaint, [ComplaintEvent])] = []
        let stations = venues.filter { $0.type == .townshipStation || $0.type == .culturalCentre || $0.type == .library }
        for (i, c) in cases.enumerated() {
            let venue = stations[i % stations.count]
            let created = now.addingTimeInterval(-c.4 * 86_400 - Double(random.int(0...20_000)))
            let complaint = Complaint()
            complaint.id = UUID()
            complaint.$account.id = residents[i].id
            complaint.kind = c.0; complaint.category = c.1; complaint.text = c.2; complaint.status = c.3
            complaint.$venue.id = venue.id!; complaint.regionPath = venue.regionPath
            complaint.contact = i % 3 == 0 ? .phone : .online
            complaint.answer = c.5
            complaint.dueAt = calendar.deadline(after: created, workingDays: 5)
            complaint.createdAt = created
            var events = [ComplaintEvent(complaintID: complaint.id!, seq: 1, action: .submitted, byStaff: false, actorID: residents[i].id, note: "", at: created)]
            if c.3 != .submitted {
                complaint.acceptedAt = created.addingTimeInterval(5 * 3600)
                events.append(ComplaintEvent(complaintID: complaint.id!, seq: 2, action: .accepted, byStaff: true, actorID: nil, note: "", at: complaint.acceptedAt!))
            }
            if c.3 == .answered || c.3 == .closed {
                complaint.answeredAt = created.addingTimeInterval(Double(random.int(1...4)) * 86_400)
                events.append(ComplaintEvent(complaintID: complaint.id!, seq: 3, action: .answered, byStaff: true, actorID: nil, note: c.5, at: complaint.answeredAt!))
            }
            if c.3 == .closed {
                complaint.closedAt = complaint.answeredAt!.addingTimeInterval(2 * 86_400)
                events.append(ComplaintEvent(complaintID: complaint.id!, seq: 4, action: .closed, byStaff: false, actorID: residents[i].id, note: "", at: complaint.closedAt!))
            }
            out.append((complaint, events))
        }
        return out
    }

    private static func surveys(venues: [Venue], residents: [Account], now: Date, time: DisplayTime, random: inout SeededRandom, on db: any Database) async throws {
        guard let centre = venues.first(where: { $0.type == .culturalCentre }) else { return }
        let township = try await Region.query(on: db).filter(\.$level == .township).sort(\.$code).first()
        let admin = try await Account.query(on: db).filter(\.$role == .bureauAdmin).first()
        let thirdParty = try await Account.query(on: db).filter(\.$role == .thirdPartyEvaluator).first()
        let specs: [(String, String, SurveyTargetKind, Bool)] = [
            ("\(time.today.prefix(4)) 年\(centre.name)群众满意度调查", "Satisfaction survey: \(centre.name)", .venue, false),
            ("\(township?.name ?? "乡镇")综合文化站第三方满意度测评", "Third-party survey: \(township?.name ?? "township") station", .township, true),
        ]
        for (n, spec) in specs.enumerated() {
            let survey = Survey()
            survey.titleZh = spec.0; survey.titleEn = spec.1; survey.targetKind = spec.2
            survey.introZh = "为了解群众对公共文化服务的评价，请您花 2 分钟填写。问卷不记名，结果用于改进服务。"
            survey.introEn = "Two minutes to tell us how our public culture services are doing. Results are used to improve them."
            if spec.2 == .venue { survey.$venue.id = centre.id; survey.regionPath = centre.regionPath } else { survey.$region.id = township?.id; survey.regionPath = township?.path ?? "/" }
            survey.status = .draft; survey.thirdParty = spec.3; survey.createdBy = spec.3 ? thirdParty?.id : admin?.id
            survey.createdAt = now.addingTimeInterval(-101 * 86_400)
            try await db.writeTransaction { tx in try await survey.create(on: tx) }
            let questions: [(QuestionKind, String, String, [(String, String)], Bool)] = [
                (.scale, "您对我们的公共文化服务总体是否满意？", "Overall, how satisfied are you with our public culture services?", [], true),
                (.single, "您多久来一次？", "How often do you come?", [("每周", "Weekly"), ("每月", "Monthly"), ("每年几次", "A few times a year"), ("第一次来", "First visit")], false),
                (.multiple, "您参加过哪些服务？", "Which services have you used?", [("图书借阅", "Borrowing books"), ("文艺演出", "Performances"), ("培训讲座", "Training and talks"), ("展览", "Exhibitions"), ("场地预约", "Booking a room")], false),
                (.text, "您还有什么意见和建议？", "Anything else you would like to tell us?", [], false),
            ]
            for (i, q) in questions.enumerated() {
                try await SurveyDesk.addQuestion(to: survey, kind: q.0, textZh: q.1, textEn: q.2, required: i < 2,
                                                 optionLines: q.3.map { "\($0.0)|\($0.1)" }.joined(separator: "\n"), forSatisfaction: q.4, lang: .zh, on: db)
            }
            try await SurveyDesk.open(survey, now: now.addingTimeInterval(-100 * 86_400), on: db)
            let saved = try await SurveyDesk.questions(of: survey, on: db)
            let paperStaff = try await Account.query(on: db).filter(\.$role == .townshipManager).first()
            for k in 0..<(n == 0 ? 36 : 24) {
                let roll = random.unit()
                let score = roll < 0.45 ? 5 : roll < 0.8 ? 4 : roll < 0.93 ? 3 : 2
                var answers = [ParsedAnswer(questionID: saved[0].id!, scale: score), ParsedAnswer(questionID: saved[1].id!, choices: [random.int(1...4)]),
                               ParsedAnswer(questionID: saved[2].id!, choices: Array(Set([random.int(1...5), random.int(1...5)])).sorted())]
                if k % 5 == 0 { answers.append(ParsedAnswer(questionID: saved[3].id!, text: ["希望周末多一些亲子活动。", "开放时间能不能延长到晚上九点？", "书的种类再多一些就好了。"][k % 3])) }
                let offline = k % 3 == 0
                let who = offline ? SurveyDesk.Respondent(enteredBy: paperStaff?.id, paperRef: String(format: "P-%03d", k + 1))
                    : SurveyDesk.Respondent(account: k % 2 == 0 ? residents[k % residents.count] : nil, deviceToken: UUID().uuidString + UUID().uuidString)
                try await SurveyDesk.submit(survey, questions: saved, sheets: [(who, answers)], now: now.addingTimeInterval(-Double(random.int(3600...90 * 86_400))), on: db)
            }
        }
    }
}
