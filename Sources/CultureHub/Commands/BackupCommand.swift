import Fluent
import Foundation
import Vapor

/// `culturehub backup [--to FILE]`: a consistent copy of the SQLite database while it serves.
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "to", help: "Where to write the copy (default DATA_DIR/backups/culturehub-YYYYMMDD-HHMMSS.sqlite)")
        var to: String?
    }

    var help: String { "Back up the SQLite database online (consistent while serving). PostgreSQL: use pg_dump, see README." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqliteFile = app.settings.database else {
            context.console.error(Backup.Failure.notSQLite.description)
            Foundation.exit(2)
        }
        let path = signature.to ?? app.settings.dataDirectory + "/backups/culturehub-\(Backup.stamp(app.clock.now())).sqlite"
        do {
            try await Backup.write(to: path, from: app.db)
            let digests = try await Backup.inspect(path, on: app.eventLoopGroup, threadPool: app.threadPool)
            try await AuditLog.record(action: "export", entity: "database", entityID: "", summary: "backup to \(path)", on: app.db)
            context.console.success("已备份到 \(path)，完整性检查通过：")
            for d in digests where d.rows > 0 { context.console.print("  \(d.table): \(d.rows) 行") }
        } catch let failure as Backup.Failure {
            context.console.error(failure.description)
            Foundation.exit(1)
        }
    }
}

/// `culturehub restore FILE`: replaces the SQLite database with a checked backup. Stop the server first.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A backup written by `culturehub backup`")
        var file: String
        @Flag(name: "yes", short: "y", help: "Do not ask for confirmation")
        var yes: Bool
    }

    var help: String { "Restore the SQLite database from a backup (stop the server first; the current file is kept)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .sqliteFile(let live) = app.settings.database else {
            context.console.error(Backup.Failure.notSQLite.description)
            Foundation.exit(2)
        }
        do {
            let digests = try await Backup.inspect(signature.file, on: app.eventLoopGroup, threadPool: app.threadPool)
            context.console.print("备份文件完好：" + digests.filter { $0.rows > 0 }.map { "\($0.table) \($0.rows)" }.joined(separator: "，"))
        } catch let failure as Backup.Failure {
            context.console.error(failure.description)
            Foundation.exit(1)
        }
        if !signature.yes && !context.console.confirm("用这个备份替换 \(live) 吗？请先停止服务器。/ Replace \(live) with this backup? Stop the server first.") {
            context.console.print("已取消。")
            return
        }
        let kept = try Backup.restore(signature.file, over: live, now: app.clock.now())
        context.console.success("已恢复。原数据库保存在 \(kept)。启动服务器后请运行 culturehub audit verify 检查审计日志。")
    }
}
