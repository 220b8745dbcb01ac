import Fluent
import Foundation
import Vapor

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
