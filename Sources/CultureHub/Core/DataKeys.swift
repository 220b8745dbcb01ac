import Crypto
import Foundation

/// The keys that encrypt sensitive columns (issue #20 point 8): the current one, which seals
/// every new value, and retired ones still needed to read values sealed before a rotation.
/// Built from `DATA_KEY`, `DATA_KEY_VERSION` and `DATA_KEYS_RETIRED`; see `parse`.
struct DataKeyRing: Sendable {
    let currentVersion: Int
    private let keys: [Int: SymmetricKey]

    var current: SymmetricKey { keys[currentVersion]! }
    /// Every version this process can read, current included, ascending.
    var versions: [Int] { keys.keys.sorted() }
    var retiredVersions: [Int] { versions.filter { $0 != currentVersion } }

    func key(version: Int) -> SymmetricKey? { keys[version] }

    /// A ring of one key (tests and the demo).
    init(current: SymmetricKey, version: Int = 1) {
        currentVersion = version
        keys = [version: current]
    }

    private init(currentVersion: Int, keys: [Int: SymmetricKey]) {
        self.currentVersion = currentVersion
        self.keys = keys
    }

    /// Strict on purpose: a typo must stop the process with a message, not silently start it
    /// with some other key (which would seal new values nobody can read later).
    /// `retired` is `version:base64` entries separated by commas, e.g. `1:AbC…=,2:XyZ…=`.
    static func parse(key: String, version: String?, retired: String?) throws(DataKeyError) -> DataKeyRing {
        let currentVersion = try parseVersion(version, variable: "DATA_KEY_VERSION") ?? 1
        var keys = [currentVersion: try decodeKey(key, variable: "DATA_KEY")]
        let entries = (retired ?? "").split(separator: ",", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        for (index, entry) in entries.enumerated() where !(entries.count == 1 && entry.isEmpty) {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            // Not `badVersion`: with the parts swapped, the "version" would be a key, echoed into a log.
            guard parts.count == 2, let entryVersion = try? parseVersion(parts[0], variable: "DATA_KEYS_RETIRED")
            else { throw .malformedRetiredEntry(index + 1) }
            guard keys[entryVersion] == nil else { throw .duplicateVersion(entryVersion) }
            guard entryVersion < currentVersion else { throw .retiredNotOlder(entryVersion, current: currentVersion) }
            let retiredKey = try decodeKey(parts[1], variable: "DATA_KEYS_RETIRED (\(entryVersion):…)")
            if let same = keys.first(where: { $0.value == retiredKey })?.key {
                throw .sameKeyTwice(entryVersion, same)
            }
            keys[entryVersion] = retiredKey
        }
        return DataKeyRing(currentVersion: currentVersion, keys: keys)
    }

    private static func parseVersion(_ raw: String?, variable: String) throws(DataKeyError) -> Int? {
        guard let raw = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !raw.isEmpty else { return nil }
        guard raw.allSatisfy(\.isASCII), let value = Int(raw), (1...999_999).contains(value) else {
            throw .badVersion(variable: variable, value: raw)
        }
        return value
    }

    static func decodeKey(_ raw: String, variable: String) throws(DataKeyError) -> SymmetricKey {
        // Secret stores and `echo` often add a newline; nothing else is forgiven.
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .empty(variable: variable) }
        guard let data = Data(base64Encoded: text) else { throw .notBase64(variable: variable) }
        guard data.count == 32 else { throw .wrongLength(variable: variable, bytes: data.count) }
        return SymmetricKey(data: data)
    }

    static func encode(_ key: SymmetricKey) -> String {
        key.withUnsafeBytes { Data($0).base64EncodedString() }
    }
}

/// Why the process will not start; each message names the variable and what to do.
enum DataKeyError: Error, Equatable, CustomStringConvertible {
    /// No `DATA_KEY` outside `--demo`; `legacyFile` is a `data.key` an earlier version created.
    case missing(legacyFile: String?)
    case empty(variable: String)
    case notBase64(variable: String)
    case wrongLength(variable: String, bytes: Int)
    case badVersion(variable: String, value: String)
    /// The entry's position (1-based): its text may be a key, which must not reach a log.
    case malformedRetiredEntry(Int)
    case duplicateVersion(Int)
    case retiredNotOlder(Int, current: Int)
    case sameKeyTwice(Int, Int)
    case retiredWithoutCurrent
    case demoKeyFile(path: String, reason: String)
    /// Stored values that none of the configured keys opens: the wrong key for this database.
    case cannotOpen(field: String, rows: Int)

    var description: String { message(.zh) + "\n" + message(.en) }

    func message(_ lang: Lang) -> String {
        let generate = "openssl rand -base64 32"
        switch self {
        case .missing(let legacy?):
            return lang.t("""
                未设置 DATA_KEY，服务拒绝启动。早期版本在 \(legacy) 生成过密钥，已加密的数据要用它才能读取：\
                请把该文件的内容设为 DATA_KEY（DATA_KEY_VERSION=1），存入密钥管理处，把文件移出数据目录，再运行一次 culturehub keys rotate。
                """, """
                DATA_KEY is not set; refusing to start. An earlier version created a key in \(legacy) and the \
                encrypted data needs it: set DATA_KEY to that file's content (DATA_KEY_VERSION=1), keep it in \
                your secret store, move the file out of the data directory, then run `culturehub keys rotate` once.
                """)
        case .missing(nil):
            return lang.t("""
                未设置 DATA_KEY，服务拒绝启动。请用 `\(generate)` 生成密钥，保存在密钥管理处，所有应用进程设置同一个值；\
                仅试用演示数据时可以加 --demo。
                """, """
                DATA_KEY is not set; refusing to start. Generate one with `\(generate)`, keep it in your secret \
                store and give every app process the same value; add --demo only to try the demo data.
                """)
        case .empty(let variable):
            return lang.t("\(variable) 为空。请填入 `\(generate)` 生成的密钥。",
                          "\(variable) is empty. Set it to a key made with `\(generate)`.")
        case .notBase64(let variable):
            return lang.t("\(variable) 不是有效的 base64 文本。请填入 `\(generate)` 的输出，不要加引号或空格。",
                          "\(variable) is not valid base64. Use the output of `\(generate)`, without quotes or spaces.")
        case .wrongLength(let variable, let bytes):
            return lang.t("\(variable) 解码后为 \(bytes) 字节，应为 32 字节。请用 `\(generate)` 生成。",
                          "\(variable) decodes to \(bytes) bytes; it must be 32. Generate one with `\(generate)`.")
        case .badVersion(let variable, let value):
            return lang.t("\(variable) 中的密钥版本“\(value)”无效：应为 1 到 999999 的整数。",
                          "\(variable): key version “\(value)” is not valid; "
                          + "it must be a whole number from 1 to 999999.")
        case .malformedRetiredEntry(let position):
            return lang.t("DATA_KEYS_RETIRED 的第 \(position) 项格式不对：每项应为“版本:密钥”，多项用逗号分隔，如 1:AbC…=,2:XyZ…=。",
                          "DATA_KEYS_RETIRED entry \(position) is malformed: each entry is version:key, "
                          + "entries are separated by commas, e.g. 1:AbC…=,2:XyZ…=.")
        case .duplicateVersion(let version):
            return lang.t("密钥版本 \(version) 出现了两次（DATA_KEY_VERSION 和 DATA_KEYS_RETIRED 中每个版本只能有一个密钥）。"
                          + "换新密钥时请把 DATA_KEY_VERSION 加 1。",
                          "Key version \(version) appears twice (DATA_KEY_VERSION and DATA_KEYS_RETIRED give each version "
                          + "one key). When you change the key, raise DATA_KEY_VERSION by one.")
        case .retiredNotOlder(let version, let current):
            return lang.t("DATA_KEYS_RETIRED 中的版本 \(version) 不小于当前的 DATA_KEY_VERSION=\(current)：新密钥的版本号应比所有旧密钥大。",
                          "DATA_KEYS_RETIRED holds version \(version), not older than DATA_KEY_VERSION=\(current): "
                          + "the new key's version must be above every retired one.")
        case .sameKeyTwice(let version, let other):
            return lang.t("DATA_KEYS_RETIRED 中版本 \(version) 的密钥与版本 \(other) 相同。换密钥时请生成新的 DATA_KEY。",
                          "DATA_KEYS_RETIRED version \(version) holds the same key as version \(other). "
                          + "A rotation needs a newly generated DATA_KEY.")
        case .retiredWithoutCurrent:
            return lang.t("设置了 DATA_KEYS_RETIRED 或 DATA_KEY_VERSION，却没有设置 DATA_KEY。",
                          "DATA_KEYS_RETIRED or DATA_KEY_VERSION is set but DATA_KEY is not.")
        case .demoKeyFile(let path, let reason):
            return lang.t("演示密钥文件 \(path) 无法使用（\(reason)）。请删除它，或设置 DATA_KEY。",
                          "The demo key file \(path) cannot be used (\(reason)). Delete it, or set DATA_KEY.")
        case .cannotOpen(let field, let rows):
            return lang.t("配置的 DATA_KEY（及 DATA_KEYS_RETIRED）打不开数据库中 \(field) 的 \(rows) 个加密值：密钥与这个数据库不匹配。"
                          + "请使用加密这些数据时的密钥（各进程必须相同）。",
                          "The configured DATA_KEY (and DATA_KEYS_RETIRED) cannot open \(rows) encrypted value(s) of "
                          + "\(field) in this database: the key does not belong to it. Use the key the data was "
                          + "encrypted with (the same on every process).")
        }
    }
}
