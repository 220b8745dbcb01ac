import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOSSL
import SQLKit
import Vapor

/// Builds the app from settings: databases → sessions → middleware → migrations → routes → commands.
/// The served app and every test app go through here (DESIGN §8).
public func configure(_ app: Application, settings: Settings, clock: any AppClock = SystemClock(), bcryptCost: Int = 12) async throws {
    app.settings = settings
    app.clock = clock
    app.signingKeys = SigningKeys()
    if let level = Logger.Level(rawValue: settings.logLevel.lowercased()) { app.logger.logLevel = level }
    // Before anything touches the database: a missing or malformed key stops the process here.
    let (keys, keySource) = try DataKeyRing.resolve(settings)
    app.fieldCipher = FieldCipher(keys: keys)
    logKeySource(keySource, keys, app.logger)
    try configureDatabase(app, settings)

    app.sessions.use { _ in StoredSessionDriver() }
    let secure = settings.baseURL.hasPrefix("https://")
    app.sessions.configuration = SessionsConfiguration(cookieName: "culturehub_session") { id in
        HTTPCookies.Value(string: id.string, isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    app.passwords.use(.bcrypt(cost: bcryptCost))
    app.dummyPasswordHash = try Bcrypt.hash(CSRF.randomToken(bytes: 12), cost: bcryptCost)
    app.routes.defaultMaxBodySize = ByteCount(stringLiteral: settings.maxBodySize)
    app.http.server.configuration.port = settings.port
    app.http.server.configuration.hostname = settings.host

    app.middleware = Middlewares()
    // SQLite's driver opens one connection per event loop; PostgreSQL up to 4 per loop (below).
    let perLoop = { if case .postgres = settings.database { 4 } else { 1 } }()
    app.metrics = AppMetrics(poolCapacity: perLoop * app.eventLoopGroup.makeIterator().reduce(0) { n, _ in n + 1 })
    app.middleware.use(RequestLogMiddleware())
    app.middleware.use(MetricsMiddleware())
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(AppErrorMiddleware())
    app.middleware.use(HeaderGuardMiddleware())
    app.middleware.use(FileMiddleware(publicDirectory: app.directory.publicDirectory, defaultFile: nil))

    app.lifecycle.use(DatabasePreparation())
    app.lifecycle.use(NoShowSweeper.task())
    app.lifecycle.use(AuditRetention.task())
    app.lifecycle.use(SessionPurge.task())
    app.lifecycle.use(SMSSender.task())
    app.lifecycle.use(IdempotencyStore.task())
    app.tokenUsage = TokenUsage()
    app.lifecycle.use(app.tokenUsage.task())
    app.lifecycle.use(app.tokenUsage)
    AppMigrations.register(on: app.migrations, settings: settings)
    app.databases.middleware.use(AuditModelMiddleware())
    app.databases.middleware.use(ReportDeadline.Middleware(rule: settings.reportingRule, timeZone: settings.displayTimeZone))
    app.lifecycle.use(CloudReporter.task(every: settings.reportPushSeconds))
    try routes(app)
    app.asyncCommands.use(DemoCommand(), as: "demo")
    app.asyncCommands.use(CreateAdminCommand(), as: "create-admin")
    app.asyncCommands.use(AuditCommand(), as: "audit")
    app.asyncCommands.use(BackupCommand(), as: "backup")
    app.asyncCommands.use(RestoreCommand(), as: "restore")
    app.asyncCommands.use(GenerateCommand(), as: "generate")
    app.asyncCommands.use(EvaluateCommand(), as: "evaluate")
    app.asyncCommands.use(KeysCommand(), as: "keys")
}

private func logKeySource(_ source: DataKeyRing.Source, _ keys: DataKeyRing, _ logger: Logger) {
    switch source {
    case .environment:
        let retired = keys.retiredVersions.map(String.init).joined(separator: ",")
        logger.debug("data key version \(keys.currentVersion) from DATA_KEY; retired versions: [\(retired)]")
    case .demoFile(let path, let created):
        // Said loudly: this key sits beside the data it protects, which only a demo may do.
        logger.warning("""
            演示密钥 DEMO KEY: \(created ? "created" : "using") \(path). It sits next to the demo data and \
            protects nothing; never use it for real data. Outside --demo, DATA_KEY is required.
            """)
    }
}

private func configureDatabase(_ app: Application, _ settings: Settings) throws {
    switch settings.database {
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory, connectionPoolTimeout: .seconds(60)), as: .sqlite)
    case .sqliteFile(let path):
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Writers queue for SQLite's single write lock; a burst must wait, not fail (see PostgreSQL below).
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(60)), as: .sqlite)
    case .postgres(let url, let schema):
        var config = try SQLPostgresConfiguration(url: url)
        if let schema { config.searchPath = [schema] }
        // Registrations for one hot activity queue on its row lock while holding a connection;
        // a pool of 4 per event loop and a 60 s wait keep a burst from failing with 500s.
        app.databases.use(.postgres(configuration: config, maxConnectionsPerEventLoop: 4, connectionPoolTimeout: .seconds(60)), as: .psql)
    }
}

/// Per-database preparation that must happen before migrations: WAL for a SQLite file
/// (a property of the file, set once), or the private schema of a PostgreSQL test run.
public func prepareDatabase(_ app: Application) async throws {
    guard let sql = app.db as? any SQLDatabase else { return }
    switch app.settings.database {
    case .sqliteFile, .sqliteMemory:
        // SQLiteKit keeps "in-memory" databases in temporary files, so they get WAL too.
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        // The pool keeps one connection per event loop. In WAL mode synchronous=NORMAL stays
        // consistent after a crash and saves an fsync per commit (a power loss may drop the
        // last commits); it is a per-connection setting, so each loop's connection gets it.
        for loop in app.eventLoopGroup.makeIterator() {
            guard let db = app.databases.database(logger: app.logger, on: loop) else { continue }
            try await db.withConnection { conn in
                try await (conn as! any SQLDatabase).raw("PRAGMA synchronous = NORMAL").run()
            }
        }
    case .postgres(_, let schema?):
        try await sql.raw("CREATE SCHEMA IF NOT EXISTS \(ident: schema)").run()
    default:
        break
    }
}

/// Runs `prepareDatabase` when any command boots the app (serve, migrate, demo, create-admin).
struct DatabasePreparation: LifecycleHandler {
    func willBootAsync(_ app: Application) async throws {
        try await prepareDatabase(app)
    }
}
