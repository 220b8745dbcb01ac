import Fluent
import Foundation
import Vapor

/// `culturehub keys rotate`: re-encrypts every encrypted value not yet under the current data key,
/// while the servers keep serving (see `KeyRotation`). `culturehub keys check`: how many values
/// each key version still holds; exits 0 only when all are under the current key, so a retired
/// key is dropped only after it says so. README "Rotating the data key" gives the procedure.
struct KeysCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "rotate | check")
        var action: String
        @Option(name: "batch", help: "Rows per transaction when rotating (default 200)")
        var batch: Int?
    }

    var help: String { "Re-encrypt sensitive columns under the current DATA_KEY, or count values per key version." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        switch signature.action {
        case "rotate":
            try await rotate(app, console: context.console, batch: signature.batch ?? 200)
        case "check":
            try await check(app, console: context.console)
        default:
            context.console.error("用法：culturehub keys rotate [--batch 200] | check")
            context.console.error("Usage: culturehub keys rotate [--batch 200] | check")
            Foundation.exit(2)
        }
    }

    private func rotate(_ app: Application, console: any Console, batch: Int) async throws {
        let cipher = app.fieldCipher
        let report = try await KeyRotation.rotate(on: app.db, cipher: cipher, batchSize: batch)
        try await AuditLog.record(action: "keys.rotate", entity: "database", entityID: "", summary: report.summary,
                                  on: app.db)
        for field in SealedField.all {
            let tally = report.fields[field] ?? .init()
            let (done, changed, unreadable) = (tally.rewritten, tally.changedMeanwhile, tally.unreadable.count)
            console.print("  \(field)：重新加密 \(done)，期间被他人修改 \(changed)，无法解密 \(unreadable)"
                          + " / re-encrypted \(done), changed meanwhile \(changed), unreadable \(unreadable)")
        }
        if report.unreadable > 0 {
            for (field, tally) in report.fields.sorted(by: { $0.key.description < $1.key.description }) {
                for id in tally.unreadable.prefix(20) { console.error("  \(field) id=\(id)") }
            }
            console.error("有 \(report.unreadable) 个值用现有密钥都无法解密"
                          + "（密钥版本不在 DATA_KEY/DATA_KEYS_RETIRED 中，或数据被改动），未作处理。")
            console.error("\(report.unreadable) values open with none of the configured keys (a key version "
                          + "missing from DATA_KEY/DATA_KEYS_RETIRED, or altered data); they were left as they are.")
            Foundation.exit(1)
        }
        console.success("已在密钥版本 \(cipher.keys.currentVersion) 下重新加密 \(report.rewritten) 个值。"
                        + "运行 culturehub keys check 确认后再移除旧密钥。")
        console.print("Re-encrypted \(report.rewritten) values under key version \(cipher.keys.currentVersion). "
                      + "Run culturehub keys check before dropping a retired key.")
    }

    private func check(_ app: Application, console: any Console) async throws {
        let keys = app.fieldCipher.keys
        // Counting versions says nothing about whether the key is right: open a sample first.
        try await KeyRotation.probe(on: app.db, cipher: app.fieldCipher)
        let census = try await KeyRotation.census(on: app.db)
        var behind = 0
        for field in SealedField.all {
            let counts = census[field] ?? [:]
            let shown = counts.sorted { $0.key < $1.key }
                .map { "\(label($0.key, current: keys.currentVersion)): \($0.value)" }
            console.print("  \(field): \(shown.isEmpty ? "0" : shown.joined(separator: ", "))")
            behind += counts.filter { $0.key != .key(keys.currentVersion) }.values.reduce(0, +)
        }
        guard behind == 0 else {
            console.warning("仍有 \(behind) 个值不在当前密钥版本 \(keys.currentVersion) 下：先运行 culturehub keys rotate，不要移除旧密钥。")
            console.warning("\(behind) values are not under the current key version \(keys.currentVersion): "
                            + "run culturehub keys rotate, and keep the retired keys until this says none remain.")
            Foundation.exit(1)
        }
        let version = keys.currentVersion
        if keys.retiredVersions.isEmpty {
            console.success("所有加密值都在当前密钥版本 \(version) 下。")
            console.print("Every encrypted value is under the current key version \(version).")
        } else {
            console.success("所有加密值都在当前密钥版本 \(version) 下，可以移除 DATA_KEYS_RETIRED（备份仍需要旧密钥时请另行保存）。")
            console.print("Every encrypted value is under the current key version \(version); DATA_KEYS_RETIRED may be "
                          + "dropped (keep the old keys with any backups that still need them).")
        }
    }

    private func label(_ form: FieldCipher.StoredForm, current: Int) -> String {
        switch form {
        case .legacy: "旧格式 legacy v1 (key 1)"
        case .key(let version): "密钥 key \(version)" + (version == current ? "（当前 current）" : "")
        case .unrecognised: "无法识别 unrecognised"
        }
    }
}
