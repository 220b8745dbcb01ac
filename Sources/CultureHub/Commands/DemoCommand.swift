import Fluent
import Foundation
import Vapor

/// `culturehub demo [--reset]`: loads the demo city into an empty database,
/// or with --reset wipes every table first.
struct DemoCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "reset", help: "Revert all migrations, migrate again and load the demo city")
        var reset: Bool
    }

    var help: String { "Load the Xinmi demo city (use --reset to start over)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        if signature.reset {
            try await app.autoRevert()
        }
        try await app.autoMigrate()
        guard try await DemoLoader.isEmpty(app.db) else {
            context.console.print("数据库中已有数据，未加载演示数据。要清空后重新加载，请运行：culturehub demo --reset")
            return
        }
        let summary = try await Demo.load(app)
        Demo.printSummary(summary, baseURL: app.settings.baseURL, console: context.console)
    }
}

enum Demo {
    static func load(_ app: Application) async throws -> DemoLoader.Summary {
        let today = DisplayTime(timeZone: app.settings.displayTimeZone, now: app.clock.now()).today
        let hasher = app.password.async
        // Thousands of generated rows: one audit event for the load, not one per row.
        let summary = try await AuditLog.$modelEventsSuppressed.withValue(true) {
            let summary = try await DemoLoader.load(on: app.db, today: today, hash: { try await hasher.hash($0) })
            try await DemoActivities.load(on: app.db, now: app.clock.now(), timeZone: app.settings.displayTimeZone)
            try await DemoFeedback.load(on: app.db, now: app.clock.now(), timeZone: app.settings.displayTimeZone)
            try await DemoOrders.load(on: app.db, now: app.clock.now(), timeZone: app.settings.displayTimeZone)
            try await DemoReports.load(on: app.db, now: app.clock.now())
            try await DemoDigital.load(on: app.db, now: app.clock.now())
            try await DemoCirculation.load(on: app.db, now: app.clock.now(), timeZone: app.settings.displayTimeZone)
            try await DemoVolunteers.load(on: app.db, now: app.clock.now(), timeZone: app.settings.displayTimeZone)
            try await DemoCommunity.load(on: app.db, now: app.clock.now(), timeZone: app.settings.displayTimeZone)
            try await DemoWorkforce.load(on: app.db, now: app.clock.now(), timeZone: app.settings.displayTimeZone)
            try await DemoEvaluation.load(on: app.db, now: app.clock.now(), timeZone: app.settings.displayTimeZone, settings: app.settings)
            return summary
        }
        try await AuditLog.record(action: "demo.load", entity: "database", entityID: "",
                                  summary: "\(summary.regions) regions, \(summary.venues) venues", on: app.db)
        return summary
    }

    static func printSummary(_ s: DemoLoader.Summary, baseURL: String, console: any Console) {
        console.success("已加载演示城市：新密市，\(s.regions) 个区域（其中村/社区 \(s.villages) 个），\(s.venues) 个场馆。")
        printAccounts(s.accounts.map { ($0.login, $0.role, $0.scope) }, password: s.password, console: console)
    }

    static func printAccounts(_ accounts: [(String, Role, String)], password: String, console: any Console) {
        console.print("演示账号（密码均为 \(password)）：")
        for (login, role, scope) in accounts {
            console.print("  \(login.padding(toLength: 12, withPad: " ", startingAt: 0)) \(role.zh)\(scope.isEmpty ? "" : "（\(scope)）")")
        }
    }
}
