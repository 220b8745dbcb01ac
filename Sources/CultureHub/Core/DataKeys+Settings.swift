import Crypto
import Foundation

extension DataKeyRing {
    /// Where the ring came from, for the start-up log.
    enum Source: Equatable {
        case environment
        /// `--demo` without `DATA_KEY`: a key kept beside the demo database, so a restart reads its data.
        case demoFile(path: String, created: Bool)
    }

    static let demoKeyFile = "demo-data.key"
    /// The file versions before issue #20 point 8 created when `DATA_KEY` was missing.
    static let legacyKeyFile = "data.key"

    /// The ring for these settings. Outside the demo `DATA_KEY` is required and no key file is
    /// ever written: two app processes on one PostgreSQL once each created their own key.
    static func resolve(_ settings: Settings) throws(DataKeyError) -> (DataKeyRing, Source) {
        if let key = settings.dataKey, !key.isEmpty {
            let ring = try parse(key: key, version: settings.dataKeyVersion, retired: settings.retiredDataKeys)
            return (ring, .environment)
        }
        if !(settings.dataKeyVersion ?? "").isEmpty || !(settings.retiredDataKeys ?? "").isEmpty {
            throw .retiredWithoutCurrent
        }
        let directory = settings.dataDirectory
        guard settings.isDemo else {
            let legacy = directory + "/" + legacyKeyFile
            throw .missing(legacyFile: FileManager.default.fileExists(atPath: legacy) ? legacy : nil)
        }
        return try demoKey(in: directory)
    }

    /// The demo's key: `demo-data.key`, else the `data.key` an earlier version left in a demo
    /// directory (its TOTP secrets stay readable), else a new `demo-data.key` (mode 600).
    private static func demoKey(in directory: String) throws(DataKeyError) -> (DataKeyRing, Source) {
        for name in [demoKeyFile, legacyKeyFile] {
            let path = directory + "/" + name
            guard FileManager.default.fileExists(atPath: path) else { continue }
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw .demoKeyFile(path: path, reason: "unreadable")
            }
            do {
                let key = try decodeKey(text, variable: path)
                return (DataKeyRing(current: key), .demoFile(path: path, created: false))
            } catch {
                throw .demoKeyFile(path: path, reason: "not a base64 32-byte key")
            }
        }
        let key = SymmetricKey(size: .bits256)
        let path = directory + "/" + demoKeyFile
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw .demoKeyFile(path: path, reason: "cannot create \(directory)")
        }
        let created = FileManager.default.createFile(atPath: path, contents: Data((encode(key) + "\n").utf8),
                                                     attributes: [.posixPermissions: 0o600])
        guard created else { throw .demoKeyFile(path: path, reason: "cannot write") }
        return (DataKeyRing(current: key), .demoFile(path: path, created: true))
    }
}
