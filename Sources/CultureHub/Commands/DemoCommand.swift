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

/// `culturehub create-admin --login NAME --name 姓名 [--password P]`: the first bureau administrator.
struct CreateAdminCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "login", help: "User name (3–32 letters, digits, _ or .)")
        var login: String?
        @Option(name: "name", help: "Display name")
        var name: String?
        @Option(name: "password", help: "Password (asked for when left out)")
        var password: String?
        @Option(name: "city", help: "On an empty database: the city's name, e.g. 新密市")
        var city: String?
        @Option(name: "code", help: "On an empty database: the city's administrative code, e.g. 410183")
        var code: String?
        @Option(name: "population", help: "On an empty database: the city's resident population")
        var population: Int?
    }

    var help: String { "Create a bureau administrator scoped to the whole city." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.autoMigrate()
        var root = try await Region.query(on: app.db).filter(\.$parent.$id == nil).sort(\.$code).first()
        if root == nil, let name = signature.city, let code = signature.code, let population = signature.population {
            // A new deployment starts from its city; townships and villages are then added on the staff pages.
            guard !name.isEmpty, !code.isEmpty, code.allSatisfy({ $0.isASCII && $0.isNumber }), population >= 0 else {
                context.console.error("--city 不能为空，--code 只能是数字，--population 不能为负数。")
                Foundation.exit(1)
            }
            let region = Region(code: code, name: name, kind: .city, parent: nil, population: population)
            try await region.save(on: app.db)
            context.console.success("已创建城市：\(name)（\(code)，人口 \(population)）。")
            root = region
        }
        guard let city = root else {
            context.console.error("数据库里还没有城市。请加上 --city 新密市 --code 410183 --population 826031 一并创建，或先运行 culturehub demo 体验演示数据。")
            Foundation.exit(1)
        }
        let login = signature.login ?? context.console.ask("用户名 / user name:")
        let name = signature.name ?? context.console.ask("姓名 / name:")
        let password = signature.password ?? context.console.ask("密码 / password:", isSecure: true)
        let input = StaffAccountInput(login: login, name: name, role: Role.bureauAdmin.rawValue,
                                      scopeRegion: city.id!.uuidString, password: password)
        let hasher = app.password.async
        do {
            let account = try await StaffAccountEditor.create(input, by: nil, on: app.db, hasher: { try await hasher.hash($0) }, lang: .zh)
            context.console.success("已创建局管理员 \(account.login)，管辖范围：\(city.name)。")
        } catch AppError.invalid(let errors) {
            for (field, message) in errors.sorted(by: { $0.key < $1.key }) { context.console.error("\(field): \(message)") }
            // A script creating the first admin must see the failure in the exit status.
            Foundation.exit(1)
        }
    }
}

enum Demo {
    static func load(_ app: Application) async throws -> DemoLoader.Summary {
        let today = DisplayTime(timeZone: app.settings.displayTimeZone, now: app.clock.now()).today
        let hasher = app.password.async
        return try await DemoLoader.load(on: app.db, today: today, hash: { try await hasher.hash($0) })
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
