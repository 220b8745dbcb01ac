import Foundation
import Testing
@testable import QRCode

/// Round trips through zbar, an independent decoder. CI installs `zbar-tools` and sets
/// REQUIRE_ZBAR=1, so there these tests cannot be skipped.
@Suite(.enabled(if: Zbar.isAvailable, "zbarimg is not installed (apt-get install zbar-tools)"))
struct DecodeTests {
    @Test(arguments: ErrorCorrection.allCases)
    func everyVersionUpToTenDecodesAtItsCapacity(level: ErrorCorrection) throws {
        for version in 1...10 {
            let capacity = QRCode.capacity(version: version, level)
            let text = Self.ascii(count: capacity, seed: version)
            let code = try QRCode.encode(text, errorCorrection: level)
            #expect(code.version == version)
            #expect(try Zbar.decode(code) == text, "version \(version) level \(level)")
        }
    }

    @Test func digitsChineseAndMixedTextDecode() throws {
        let samples = [
            "0", "1234567890", String(repeating: "9", count: 120),
            "新密市文化馆", "伏羲山风景区管委会·周末戏曲进乡村", String(repeating: "签到码", count: 20),
            "https://culturehub.example/staff/checkin?t=AbC-123_xyz", "混合 Mixed 文本 2026-11-27 ✓",
        ]
        for text in samples {
            #expect(try Zbar.decode(QRCode.encode(text)) == text)
        }
    }

    @Test func chineseNearEachVersionsCapacityDecodes() throws {
        for version in 1...10 {
            let bytes = QRCode.capacity(version: version, .medium, utf8ECI: true)
            let text = String(repeating: "文", count: bytes / 3) + String(repeating: "a", count: bytes % 3)
            let code = try QRCode.encode(text)
            #expect(code.version == version)
            #expect(try Zbar.decode(code) == text, "version \(version)")
        }
    }

    @Test func largerVersionsDecode() throws {
        for version in [14, 20, 27, 33, 40] {
            let text = Self.ascii(count: QRCode.capacity(version: version, .medium), seed: version)
            let code = try QRCode.encode(text)
            #expect(code.version == version)
            #expect(try Zbar.decode(code, moduleSize: 3) == text)
        }
    }

    @Test func everyMaskDecodes() throws {
        for mask in 0..<8 {
            let code = try QRCode.encode("mask \(mask) 掩模", forceMask: mask)
            #expect(try Zbar.decode(code) == "mask \(mask) 掩模")
        }
    }

    static func ascii(count: Int, seed: Int) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/")
        return String((0..<count).map { alphabet[($0 * 7 + seed * 13) % alphabet.count] })
    }
}

enum Zbar {
    static let path = ["/usr/bin/zbarimg", "/usr/local/bin/zbarimg"].first { FileManager.default.isExecutableFile(atPath: $0) }

    static var isAvailable: Bool {
        if ProcessInfo.processInfo.environment["REQUIRE_ZBAR"] == "1" { return true }
        return path != nil
    }

    static func decode(_ code: QRCode, moduleSize: Int = 4) throws -> String {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).png")
        try Data(code.png(moduleSize: moduleSize)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path ?? "/usr/bin/zbarimg")
        process.arguments = ["-q", "--raw", "--nodbus", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        var text = String(decoding: data, as: UTF8.self)
        if text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
