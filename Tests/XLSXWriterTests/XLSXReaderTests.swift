import Foundation
import Testing
import ZIPFoundation
@testable import XLSXWriter

@Suite struct XLSXReaderTests {
    @Test func readsBackWhatTheWriterWrote() throws {
        let workbook = Workbook(title: "t", sheets: [Sheet(name: "结果", rows: [[.text("单位"), .text("得分")], [.text("城关镇"), .integer(5)], [.empty, .number(4.5)]])])
        let rows = try XLSXReader.rows(try workbook.data(created: Date(timeIntervalSince1970: 0)))
        #expect(rows[0] == ["单位", "得分"] && rows[1] == ["城关镇", "5"])
        #expect(rows[2].last == "4.5")
        #expect(XLSXReader.column("AB12") == 27)
        #expect(throws: XLSXReader.ReadError.notAWorkbook) { try XLSXReader.rows(Data("a,b".utf8)) }
    }

    @Test func columnReferencesCannotOverflow() {
        #expect(XLSXReader.column("XFD1") == 16_383)
        #expect(XLSXReader.column("XFE1") == nil)
        #expect(XLSXReader.column(String(repeating: "Z", count: 40) + "1") == nil)
        #expect(XLSXReader.column("12") == nil)
        #expect(XLSXReader.column("Ａ1") == nil, "full-width letters are not a column")
    }

    @Test func hostileSheetsAreRefusedNotTrapped() throws {
        let huge = Hostile.workbook(sheet: #"<row><c r="ZZZZZZZZZZZZZZZZZZZZ1"><v>1</v></c></row>"#)
        #expect(throws: XLSXReader.ReadError.tooLarge) { try XLSXReader.rows(huge) }
        let wide = Hostile.workbook(sheet: #"<row><c r="XFD1"><v>1</v></c></row>"#)
        #expect(throws: XLSXReader.ReadError.tooLarge) { try XLSXReader.rows(wide) }

        let negative = Hostile.workbook(sheet: #"<row><c t="s"><v>-1</v></c><c t="s"><v>99999999999999999999</v></c><c t="s"><v>0</v></c></row>"#,
                                        shared: ["第一"])
        #expect(try XLSXReader.rows(negative) == [["", "", "第一"]])

        var limits = XLSXReader.Limits()
        limits.rows = 3
        let long = Hostile.workbook(sheet: String(repeating: "<row><c><v>1</v></c></row>", count: 4))
        #expect(throws: XLSXReader.ReadError.tooLarge) { try XLSXReader.rows(long, limits: limits) }
        limits = XLSXReader.Limits()
        limits.cells = 10
        let padded = Hostile.workbook(sheet: String(repeating: #"<row><c r="J1"><v>1</v></c></row>"#, count: 2))
        #expect(throws: XLSXReader.ReadError.tooLarge) { try XLSXReader.rows(padded, limits: limits) }
    }

    @Test func anInflatingEntryIsStoppedAtTheLimit() throws {
        var limits = XLSXReader.Limits()
        limits.entryBytes = 64 << 10
        // 1 MB of one repeated row deflates to a few KB: a small file that would inflate far past the limit.
        let bomb = Hostile.workbook(sheet: String(repeating: "<row><c><v>1</v></c></row>", count: 40_000))
        #expect(bomb.count < 64 << 10)
        #expect(throws: XLSXReader.ReadError.tooLarge) { try XLSXReader.rows(bomb, limits: limits) }
    }

    /// 10,000 mutated workbooks: bit flips and truncations of the archive, and hostile values
    /// spliced into the sheet before zipping. Each is parsed or refused; none may trap.
    @Test func tenThousandMutatedWorkbooksNeverTrap() throws {
        var rng = SplitMix(seed: 0x5EED_2026)
        let base = try Workbook(title: "t", sheets: [Sheet(name: "结果", rows: [[.text("场馆"), .text("评分")], [.text("城关镇综合文化站"), .integer(5)]])])
            .data(created: Date(timeIntervalSince1970: 0))
        let spliced = ["-1", "99999999999999999999999", "ZZZZZZZZZZZ9", "XFD1048576", "", "&#0;", "<c/>", "\u{0}", "A-5", "1e308"]
        var parsed = 0, refused = 0
        for round in 0..<10_000 {
            let data: Data
            switch round % 3 {
            case 0:
                var bytes = [UInt8](base)
                for _ in 0..<(1 + Int(rng.next() % 8)) {
                    let at = Int(rng.next() % UInt64(bytes.count))
                    bytes[at] ^= UInt8(1 << (rng.next() % 8))
                }
                data = Data(bytes)
            case 1:
                data = base.prefix(Int(rng.next() % UInt64(base.count)))
            default:
                let value = spliced[Int(rng.next() % UInt64(spliced.count))]
                let attribute = ["r", "t", "s"][Int(rng.next() % 3)]
                data = Hostile.workbook(sheet: #"<row><c \#(attribute)="\#(value)" t="s"><v>\#(value)</v></c></row>"#, shared: ["x"])
            }
            if ProcessInfo.processInfo.environment["FUZZ_TRACE"] != nil { try? data.write(to: URL(fileURLWithPath: "/tmp/fuzz-last.xlsx")) }
            do { _ = try XLSXReader.rows(data); parsed += 1 } catch is XLSXReader.ReadError { refused += 1 }
        }
        #expect(parsed + refused == 10_000)
        #expect(parsed > 0 && refused > 0, "the mutations reach both outcomes")
    }
}

/// Hand-made workbooks with whatever a hostile file might hold.
enum Hostile {
    static func workbook(sheet rows: String, shared: [String] = []) -> Data {
        let sheet = #"<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>\#(rows)</sheetData></worksheet>"#
        var entries = ["xl/worksheets/sheet1.xml": Data(sheet.utf8)]
        if !shared.isEmpty {
            let items = shared.map { "<si><t>\($0)</t></si>" }.joined()
            entries["xl/sharedStrings.xml"] = Data(#"<?xml version="1.0" encoding="UTF-8"?><sst>\#(items)</sst>"#.utf8)
        }
        return zip(entries)
    }

    static func zip(_ entries: [String: Data]) -> Data {
        let archive = try! Archive(data: Data(), accessMode: .create)
        for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
            try! archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return archive.data!
    }
}

/// A small seeded generator, so a failing round can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
