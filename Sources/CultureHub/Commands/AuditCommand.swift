import Fluent
import Foundation
import Vapor

/// `culturehub audit verify`: recomputes the audit chain and names the first broken link.
/// `culturehub audit purge`: applies the retention period now (the server also does it daily).
struct AuditCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "verify | purge")
        var action: String
    }

    var help: String { "Verify the audit log's hash chain, or purge events past the retention period." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        switch signature.action {
        case "verify":
            let result = try await AuditLog.verify(on: app.db)
            if let broken = result.firstBreak {
                context.console.error("审计日志校验失败：\(broken.message(.zh))（此前 \(result.checked) 条完好）")
                context.console.error("Audit log verification FAILED: \(broken.message(.en)) (\(result.checked) events before it are intact)")
                Foundation.exit(1)
            }
            context.console.success("审计日志完好：共校验 \(result.checked) 条，哈希链无断裂。")
            context.console.print("Audit log intact: \(result.checked) events verified, the hash chain is unbroken.")
        case "purge":
            let days = app.settings.auditRetentionDays
            let removed = try await AuditLog.purge(olderThan: days, now: app.clock.now(), on: app.db)
            context.console.success("已删除 \(days) 天前的审计记录 \(removed) 条；链的起点已前移，校验仍覆盖全部保留的记录。")
        default:
            context.console.error("用法：culturehub audit verify | purge")
            Foundation.exit(2)
        }
    }
}

/// Applies the audit retention period (and drops spent rate-limit counters) once a day.
enum AuditRetention {
    static func task() -> PeriodicTask {
        PeriodicTask("audit retention purge", after: .minutes(5), every: .hours(24)) { app in
            try await AuditLog.purge(olderThan: app.settings.auditRetentionDays, now: app.clock.now(), on: app.db)
            try await RateLimit.purge(now: app.clock.now(), on: app.db)
        }
    }
}
