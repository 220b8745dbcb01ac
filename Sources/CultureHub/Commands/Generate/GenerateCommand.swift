import Fluent
import Foundation
import KPIMetrics
import Vapor

/// `culturehub generate --scale county|prefecture|province [--year 2025]`: synthetic regions,
/// venues and a year of activity in an empty database, for benchmarks and load tests.
struct GenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "scale", help: "county (≈ Xinmi), prefecture (×15) or province (×120, PostgreSQL only)")
        var scale: String?
        @Option(name: "year", help: "The year to fill (default: last year)")
        var year: Int?
    }

    var help: String { "Write synthetic data at county, prefecture or province scale into an empty database." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let scale = Scale(rawValue: signature.scale ?? "county") else {
            context.console.error("规模只能是 county、prefecture 或 province。")
            return
        }
        if scale == .province, case .postgres = app.settings.database {} else if scale == .province {
            context.console.error("省级规模只支持 PostgreSQL：请设置 DATABASE_URL。")
            return
        }
        try await app.autoMigrate()
        guard try await DemoLoader.isEmpty(app.db) else {
            context.console.error("数据库中已有数据。generate 只写入空数据库，请换一个 DATA_DIR 或数据库。")
            return
        }
        let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: app.clock.now())
        let year = signature.year ?? (Int(time.today.prefix(4))! - 1)
        guard let first = time.instant(day: String(format: "%04d-01-01", year), minute: 0),
              let end = time.instant(day: String(format: "%04d-01-01", year + 1), minute: 0) else { return }
        let started = Date()
        var random = SeededRandom(seed: UInt64(year) * 1_000 + UInt64(scale.counties))
        let built = try await AuditLog.$modelEventsSuppressed.withValue(true) {
            try await ScaleStructure.build(scale, on: app.db, random: &random)
        }
        context.console.print("已生成 \(built.regions) 个区域、\(built.venues.count) 个场馆（\(Int(Date().timeIntervalSince(started))) 秒）。")
        var raters: [Account] = []
        for n in 0..<(500 * scale.counties) {
            raters.append(Account(login: String(format: "199%08d", n), displayName: "群众\(n)", passwordHash: "!", role: .citizen))
        }
        for chunk in raters.chunked(500) { try await chunk.create(on: app.db) }
        var generator = YearGenerator()
        generator.raters = raters.compactMap(\.id)
        let counts = try await AuditLog.$modelEventsSuppressed.withValue(true) {
            try await generator.run(venues: built.venues, spaces: built.spaces, from: first, until: min(end, time.now), timeZone: time.timeZone, random: &random, on: app.db)
        }
        context.console.success("""
            \(year) 年：\(counts.activities) 场活动、\(counts.participations) 人次参与、\(counts.reports) 份上报、\(counts.registrations) 条报名、\
            \(counts.ratings) 条评价、\(counts.bookings) 次场地预约（共 \(Int(Date().timeIntervalSince(started))) 秒）。
            """)
    }
}

/// `culturehub evaluate --type year --period 2025`: computes a draft run from the command line
/// (a monthly cron job, or the benchmark) and prints how long it took.
struct EvaluateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "type", help: "month, quarter or year")
        var type: String?
        @Option(name: "period", help: "2026-10, 2026-Q3 or 2026")
        var period: String?
    }

    var help: String { "Compute an evaluation run (a draft) for every township and city venue." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let type = PeriodType(rawValue: signature.type ?? "month"), let key = signature.period, let period = EvaluationPeriod(type: type, key: key) else {
            context.console.error("用法：culturehub evaluate --type month|quarter|year --period 2026-10")
            return
        }
        try await app.autoMigrate()
        let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: app.clock.now())
        let started = Date()
        let record = try await EvaluationDesk.currentScheme(type, now: time.now, on: app.db)
        let scored = try await EvaluationDesk.score(try record.scheme, period: period, under: "/", time: time, settings: app.settings, on: app.db)
        let computed = Date()
        let run = try await EvaluationDesk.createRun(scored, scheme: record, period: period, status: .draft, by: nil, now: time.now, on: app.db)
        let ms = { (a: Date, b: Date) in Int((b.timeIntervalSince(a) * 1000).rounded()) }
        context.console.success("已计算 \(key)：\(scored.count) 个单位，计算 \(ms(started, computed)) ms，保存 \(ms(computed, Date())) ms。草稿：/staff/evaluation/runs/\(run.id!.uuidString.lowercased())")
    }
}
