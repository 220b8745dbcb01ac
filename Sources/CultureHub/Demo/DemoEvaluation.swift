import Fluent
import Foundation
import KPIMetrics
import Scheduling

/// Evaluation for the demo city (R8): inspections through the year with rectification in every
/// state, two upheld complaints, and published results for August, September and the third
/// quarter. October is left for the bureau to compute and publish.
enum DemoEvaluation {
    static let findings: [InspectionChecklist: [String]] = [
        .openingAsPosted: ["周六上午到访时大门未开，比公示时间晚开 40 分钟", "午休时间闭馆，与公示的全天开放不符"],
        .noticeDisplayed: ["免费开放公示牌未更新，仍为去年内容", "入口处未张贴免费开放项目和时间"],
        .staffOnDuty: ["值班表有人但现场无人在岗", "专职人员被借调，由保安代为值守"],
        .facilitiesUsable: ["电子阅览室 6 台电脑有 4 台无法开机", "多功能厅音响损坏未报修"],
        .accessibleFacilities: ["无障碍坡道被杂物占用", "无障碍卫生间堆放清洁用具"],
        .recordsKept: ["9 月活动台账缺少签到表和照片", "活动记录与上报人数不一致"],
        .safety: ["灭火器过期未更换", "安全出口指示灯不亮"],
        .hygiene: ["阅览区地面不洁，垃圾未及时清理"],
    ]

    /// The year so far at the township stations and city venues (the scale generator at a
    /// county's lighter density), ending a week ago so every report has fallen due.
    static func pastYear(venues: [Venue], year: Int, time: DisplayTime, on db: any Database) async throws {
        guard let first = time.instant(day: String(format: "%04d-01-01", year), minute: 0) else { return }
        var random = SeededRandom(seed: 20_261_129)
        let spaces = try await Space.query(on: db).filter(\.$venue.$id ~~ venues.compactMap(\.id)).sort(\.$name).all()
        var generator = YearGenerator()
        generator.perMonth = [.township: 5, .city: 6, .village: 0]
        generator.bookingsPerSpaceMonth = 2
        _ = try await generator.run(venues: venues.filter { $0.tier != .village }, spaces: spaces, from: first, until: time.now.addingTimeInterval(-8 * 86_400),
                                    timeZone: time.timeZone, random: &random, on: db)
    }

    static func load(on db: any Database, now: Date, timeZone: TimeZone, settings: Settings) async throws {
        let time = DisplayTime(timeZone: timeZone, now: now)
        let today = time.today
        let admin = try await Account.query(on: db).filter(\.$role == .bureauAdmin).sort(\.$login).first()
        let venues = try await Venue.query(on: db).filter(\.$tier != .village).filter(\.$status == .operating).sort(\.$regionPath).sort(\.$name).all()
        guard !venues.isEmpty, let year = Int(today.prefix(4)), let month = Int(today.dropFirst(5).prefix(2)) else { return }
        // A new city book room, open since the middle of September: its count targets are pro rata.
        if let bookRoom = venues.first(where: { $0.type == .cityBookRoom }) {
            bookRoom.openedOn = String(format: "%04d-09-15", year)
            try await bookRoom.save(on: db)
        }
        try await pastYear(venues: venues, year: year, time: time, on: db)
        try await db.writeTransaction { tx in
            var random = SeededRandom(seed: 20_261_128)
            for n in 0..<12 {
                let venue = venues[(n * 7) % venues.count]
                let m = max(1, month - 11 + n)
                let day = min(String(format: "%04d-%02d-%02d", year, m, 5 + (n * 3) % 20), today)
                let inspection = Inspection(venue: venue, on: day, inspector: random.pick(["市文广旅体局督查组", "市文化馆业务科", "第三方测评机构（河南某调查公司）"]),
                                            unannounced: random.chance(0.6), summary: "按《免费开放服务规范》逐项检查。", by: admin?.id, at: now)
                try await inspection.create(on: tx)
                let failing = Set((0..<random.int(0...2)).map { _ in random.pick(Array(findings.keys).sorted { $0.rawValue < $1.rawValue }) })
                for item in InspectionChecklist.allCases {
                    let failed = failing.contains(item)
                    let row = InspectionItem(inspection: inspection.id!, item: item, passed: !failed, note: failed ? random.pick(findings[item]!) : "")
                    try await row.create(on: tx)
                    guard failed else { continue }
                    let task = RectificationTask()
                    task.$inspection.id = inspection.id!; task.$item.id = row.id!; task.$venue.id = venue.id!; task.regionPath = venue.regionPath
                    task.finding = "\(item.zh)：\(row.note)"; task.deadline = LocalDay.string(number: (LocalDay.number(day) ?? 0) + 30); task.response = ""; task.reopenReason = ""; task.createdAt = now
                    // Older findings are closed; recent ones wait for the unit or for verification.
                    switch (n, n % 3) {
                    case (0..<8, _): task.status = .verified; task.response = "已整改到位，附整改前后照片。"; task.respondedAt = now; task.verifiedAt = now; task.$verifiedBy.id = admin?.id
                    case (_, 0): task.status = .responded; task.response = "已安排专人负责，整改完成。"; task.respondedAt = now
                    case (_, 1): task.status = .reopened; task.response = "已整改。"; task.reopenReason = "反馈过于简单，请补充整改照片。"
                    default: task.status = .open
                    }
                    try await task.create(on: tx)
                }
            }
        }
        for complaint in try await Complaint.query(on: db).filter(\.$kind == .complaint).filter(\.$status == .closed).sort(\.$createdAt).limit(2).all() {
            complaint.upheld = true
            try await complaint.save(on: db)
        }
        for (type, key) in [(PeriodType.month, String(format: "%04d-%02d", year, max(1, month - 3))), (.month, String(format: "%04d-%02d", year, max(1, month - 2))),
                            (.quarter, String(format: "%04d-Q%d", year, max(1, (month - 1) / 3)))] {
            guard let period = EvaluationPeriod(type: type, key: key), period.lastDay < today,
                  try await EvaluationRun.query(on: db).filter(\.$periodType == type).filter(\.$periodKey == key).count() == 0 else { continue }
            let record = try await EvaluationDesk.currentScheme(type, now: now, on: db)
            let scored = try await EvaluationDesk.score(try record.scheme, period: period, under: "/", time: time, settings: settings, on: db)
            _ = try await EvaluationDesk.createRun(scored, scheme: record, period: period, status: .published, by: admin?.id, now: now, on: db)
        }
    }
}
