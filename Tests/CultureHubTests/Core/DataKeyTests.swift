import Crypto
import Foundation
import Testing
import Vapor
@testable import CultureHub

/// Issue #20 point 8: outside `--demo` no valid `DATA_KEY`, no start, and a message that names the problem.
@Suite struct DataKeyTests {
    static func newKey() -> String { DataKeyRing.encode(SymmetricKey(size: .bits256)) }

    private func problem(key: String, version: String? = nil, retired: String? = nil) -> DataKeyError? {
        do {
            _ = try DataKeyRing.parse(key: key, version: version, retired: retired)
            return nil
        } catch {
            return error
        }
    }

    @Test func aValidRingHasTheCurrentKeyAndItsRetiredKeys() throws {
        let (k1, k2, k3) = (Self.newKey(), Self.newKey(), Self.newKey())
        let ring = try DataKeyRing.parse(key: k3 + "\n", version: "3", retired: " 1:\(k1) , 2:\(k2)")
        let plain = try DataKeyRing.parse(key: k1, version: nil, retired: "")

        #expect(ring.currentVersion == 3 && ring.versions == [1, 2, 3] && ring.retiredVersions == [1, 2])
        #expect(DataKeyRing.encode(ring.current) == k3 && ring.key(version: 1).map(DataKeyRing.encode) == k1)
        #expect(plain.currentVersion == 1 && plain.versions == [1])
    }

    @Test func eachMalformedValueIsRefusedWithItsVariableNamedInBothLanguages() {
        let (k1, k2) = (Self.newKey(), Self.newKey())
        let short = Data(repeating: 7, count: 16).base64EncodedString()
        let cases: [(DataKeyError?, DataKeyError, String)] = [
            (problem(key: "not base64!"), .notBase64(variable: "DATA_KEY"), "DATA_KEY"),
            (problem(key: short), .wrongLength(variable: "DATA_KEY", bytes: 16), "16"),
            (problem(key: "  "), .empty(variable: "DATA_KEY"), "DATA_KEY"),
            (problem(key: k2, version: "two"), .badVersion(variable: "DATA_KEY_VERSION", value: "two"), "DATA_KEY_VERSION"),
            (problem(key: k2, version: "0"), .badVersion(variable: "DATA_KEY_VERSION", value: "0"), "DATA_KEY_VERSION"),
            (problem(key: k2, version: "2", retired: k1), .malformedRetiredEntry(1), "DATA_KEYS_RETIRED"),
            (problem(key: k2, version: "2", retired: "1:\(k1),"), .malformedRetiredEntry(2), "DATA_KEYS_RETIRED"),
            (problem(key: k2, version: "2", retired: "\(k1):1"), .malformedRetiredEntry(1), "DATA_KEYS_RETIRED"),
            (problem(key: k2, version: "2", retired: "1:xyz"), .notBase64(variable: "DATA_KEYS_RETIRED (1:…)"),
             "DATA_KEYS_RETIRED"),
            (problem(key: k2, retired: "1:\(k1)"), .duplicateVersion(1), "DATA_KEY_VERSION"),
            (problem(key: k2, version: "3", retired: "1:\(k1),1:\(k1)"), .duplicateVersion(1), "1"),
            (problem(key: k2, version: "2", retired: "5:\(k1)"), .retiredNotOlder(5, current: 2), "5"),
            (problem(key: k2, version: "2", retired: "1:\(k2)"), .sameKeyTwice(1, 2), "DATA_KEYS_RETIRED"),
        ]
        for (found, expected, named) in cases {
            #expect(found == expected)
            let zh = expected.message(.zh), en = expected.message(.en)
            #expect(zh.contains(named) && en.contains(named), "\(expected) names \(named)")
            #expect(zh.unicodeScalars.contains { $0.value >= 0x4E00 } && en.allSatisfy { !$0.isLetter || $0.isASCII })
            // A message must never echo a key back into a log.
            #expect(!zh.contains(k2) && !en.contains(k2) && !en.contains(k1.dropLast(4)))
        }
    }

    @Test func outsideTheDemoAMissingKeyIsRefusedAndNoFileIsWritten() throws {
        let dir = try temporaryDirectory()
        var settings = Settings(database: .sqliteMemory, dataDirectory: dir)
        #expect(throws: DataKeyError.missing(legacyFile: nil)) { try DataKeyRing.resolve(settings) }
        settings.retiredDataKeys = "1:\(Self.newKey())"
        #expect(throws: DataKeyError.retiredWithoutCurrent) { try DataKeyRing.resolve(settings) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty)

        // An install that relied on the old key file is told to move it into DATA_KEY.
        let legacy = dir + "/data.key"
        try (Self.newKey() + "\n").write(toFile: legacy, atomically: true, encoding: .utf8)
        settings.retiredDataKeys = nil
        #expect(throws: DataKeyError.missing(legacyFile: legacy)) { try DataKeyRing.resolve(settings) }
        let message = DataKeyError.missing(legacyFile: legacy).description
        #expect(message.contains(legacy) && message.contains("DATA_KEY_VERSION=1") && message.contains("未设置 DATA_KEY"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["data.key"])
    }

    @Test func theDemoKeepsOneKeyFileSoARestartReadsItsData() throws {
        let dir = try temporaryDirectory() + "/nested"
        var settings = Settings(database: .sqliteMemory, dataDirectory: dir, isDemo: true)
        let (first, source) = try DataKeyRing.resolve(settings)
        let (again, sourceAgain) = try DataKeyRing.resolve(settings)
        let path = dir + "/demo-data.key"
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber
        settings.dataKey = "bad"

        #expect(source == .demoFile(path: path, created: true) && sourceAgain == .demoFile(path: path, created: false))
        #expect(first.current == again.current && mode?.intValue == 0o600)
        #expect(throws: DataKeyError.notBase64(variable: "DATA_KEY")) { try DataKeyRing.resolve(settings) }
    }

    @Test func aDemoDirectoryFromAnEarlierVersionKeepsItsKey() throws {
        let dir = try temporaryDirectory()
        let old = Self.newKey()
        try old.write(toFile: dir + "/data.key", atomically: true, encoding: .utf8)
        let (ring, source) = try DataKeyRing.resolve(Settings(database: .sqliteMemory, dataDirectory: dir, isDemo: true))
        #expect(DataKeyRing.encode(ring.current) == old && source == .demoFile(path: dir + "/data.key", created: false))
    }

    @Test func settingsReadTheThreeVariables() {
        let settings = Settings.fromEnvironment(["DATA_KEY": "k", "DATA_KEY_VERSION": "4", "DATA_KEYS_RETIRED": "3:x"])
        #expect(settings.dataKey == "k" && settings.dataKeyVersion == "4" && settings.retiredDataKeys == "3:x")
    }

    /// The start-up path itself: `configure` stops before the database is opened.
    @Test func configureRefusesToBuildAnAppWithoutAKey() async throws {
        let dir = try temporaryDirectory()
        let app = try await Application.make(.testing)
        var settings = Settings(database: .sqliteFile(path: dir + "/culturehub.sqlite"), dataDirectory: dir)
        settings.logLevel = "warning"
        await #expect(throws: DataKeyError.missing(legacyFile: nil)) {
            try await configure(app, settings: settings, bcryptCost: 4)
        }
        try await app.asyncShutdown()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "no key file, not even the database")
    }

    /// The binary as an operator runs it: exit status 78 and the message on stderr. Needs
    /// `swift build` (CI builds before testing); skipped when the binary is not beside the tests.
    @Test(.enabled(if: Self.binary != nil)) func theServerExitsWithTheMessage() throws {
        let dir = try temporaryDirectory()
        let missing = try run(["serve"], ["DATA_DIR": dir])
        let malformed = try run(["migrate", "-y"], ["DATA_DIR": dir, "DATA_KEY": "c2hvcnQ="])
        let demo = try run(["routes", "--demo"], ["DATA_DIR": dir])

        #expect(missing.status == 78 && missing.stderr.contains("未设置 DATA_KEY"))
        #expect(missing.stderr.contains("DATA_KEY is not set"))
        #expect(malformed.status == 78 && malformed.stderr.contains("DATA_KEY decodes to 5 bytes"))
        #expect(demo.status == 0 && (demo.stdout + demo.stderr).contains("DEMO KEY"), "\(demo.stderr)")
        let keyFiles = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".key") }
        #expect(keyFiles == ["demo-data.key"])
    }

    static var binary: String? {
        let dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [dir, dir.deletingLastPathComponent()].map { $0.appendingPathComponent("culturehub").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    private func run(_ arguments: [String], _ env: [String: String]) throws
        -> (status: Int32, stderr: String, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary!)
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
            .filter { !$0.key.hasPrefix("DATA_") && $0.key != "DATABASE_URL" }
        environment.merge(env) { $1 }
        environment["LOG_LEVEL"] = "warning"
        process.environment = environment
        // stderr through a pipe (the refusal goes there); stdout, which may be long, to a file.
        let errors = Pipe(), output = try temporaryDirectory() + "/stdout"
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        process.standardError = errors
        process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return (process.terminationStatus, String(decoding: data, as: UTF8.self), printed)
    }
}

func temporaryDirectory() throws -> String {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("culturehub-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}
