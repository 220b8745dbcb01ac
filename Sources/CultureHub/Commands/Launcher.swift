import Fluent
import SQLKit
import Vapor

/// What `main` runs: parses our own `--demo` flag off `serve`, builds the app, and hands the
/// remaining arguments to Vapor's commands (serve, migrate, demo, create-admin, routes).
public enum Launcher {
    public static func run(arguments: [String] = CommandLine.arguments) async throws {
        var args = arguments
        let demo = args.contains("--demo")
        args.removeAll { $0 == "--demo" }
        var env = try Environment.detect(arguments: args)
        try LoggingSystem.bootstrap(from: &env)
        var settings = Settings.fromEnvironment()
        // `culturehub demo` loads the demo city, so it may use the demo key like `serve --demo`.
        settings.isDemo = demo || args.dropFirst().first == "demo"
        let app = try await Application.make(env)
        if let command = args.dropFirst().first, command == "cloud-receiver" || command == "sms-receiver" {
            // A stand-in for another system: none of this app's database or tasks.
            app.asyncCommands.use(CloudReceiverCommand(), as: "cloud-receiver")
            app.asyncCommands.use(SMSReceiverCommand(), as: "sms-receiver")
            try await app.execute()
            try await app.asyncShutdown()
            return
        }
        do {
            try await configure(app, settings: settings)
            let serving = args.dropFirst().first.map { $0 == "serve" || $0.hasPrefix("-") } ?? true
            if serving, !demo, case .sqliteFile = settings.database {
                // The embedded database has one server; bring it up to date on start. On PostgreSQL
                // several servers may start at once, so there `culturehub migrate` is a deploy step.
                try await prepareDatabase(app)
                try await app.autoMigrate()
            }
            if serving, try await tablesExist(app) {
                try await KeyRotation.probe(on: app.db, cipher: app.fieldCipher)
            }
            if demo {
                try await prepareDatabase(app)
                try await app.autoMigrate()
                if try await DemoLoader.isEmpty(app.db) {
                    let summary = try await Demo.load(app)
                    Demo.printSummary(summary, baseURL: settings.baseURL, console: app.console)
                } else {
                    app.console.print("使用已有数据库（\(describe(settings.database))）。要重置演示数据：culturehub demo --reset")
                    Demo.printAccounts(try await demoAccounts(app), password: (try? DemoCity.bundled().demoPassword) ?? "", console: app.console)
                }
                app.console.success("CultureHub 已启动：\(settings.baseURL)")
            }
            try await app.execute()
        } catch let error as DataKeyError {
            // A configuration mistake, not a crash: the message says what to fix; 78 is EX_CONFIG.
            FileHandle.standardError.write(Data(("\n" + error.description + "\n").utf8))
            try? await app.asyncShutdown()
            exit(78)
        } catch {
            app.logger.report(error: error)
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// A PostgreSQL server may start before `culturehub migrate` ran: then there is nothing to probe.
    private static func tablesExist(_ app: Application) async -> Bool {
        (try? await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM citizen_profiles").all()) != nil
    }

    private static func describe(_ db: Settings.Database) -> String {
        switch db {
        case .sqliteFile(let path): path
        case .sqliteMemory: "memory"
        case .postgres: "PostgreSQL"
        }
    }

    private static func demoAccounts(_ app: Application) async throws -> [(String, Role, String)] {
        guard let spec = try? DemoCity.bundled() else { return [] }
        let logins = spec.accounts.map(\.login)
        let accounts = try await Account.query(on: app.db).filter(\.$login ~~ logins).with(\.$scopeRegion).with(\.$scopeVenue).all()
        return logins.compactMap { login in
            accounts.first { $0.login == login }.map { ($0.login, $0.role, $0.scopeVenue?.name ?? $0.scopeRegion?.name ?? "") }
        }
    }
}
