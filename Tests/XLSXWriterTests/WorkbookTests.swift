import Foundation
import Testing
import ZIPFoundation
@testable import XLSXWriter

@Suite struct WorkbookTests {
    static let sample = Workbook(title: "满意度调查", sheets: [
        Sheet(name: "汇总", columnWidths: [24, 10, 12], rows: [
            [.text("题目"), .text("份数"), .text("满意率")],
            [.text("总体满意度 <&\"'>"), .integer(128), .percent(0.8125)],
            [.text("开放时间"), .number(3.5), .empty],
        ]),
        Sheet(name: "答卷", columnWidths: [14, 18], rows: [
            [.text("编号"), .text("提交时间"), .text("渠道"), .text("匿名"), .text("日期")],
            [.text("P-001"), .dateTime(year: 2026, month: 11, day: 28, hour: 9, minute: 30), .text("纸质"), .bool(false), .date(year: 2026, month: 1, day: 1)],
        ]),
    ])

    private func entries(_ data: Data) throws -> [String: String] {
        let archive = try Archive(data: data, accessMode: .read)
        var out: [String: String] = [:]
        for entry in archive {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            out[entry.path] = String(decoding: bytes, as: UTF8.self)
        }
        return out
    }

    @Test func packageHasEveryPartWithTypedCells() throws {
        let parts = try entries(Self.sample.data(created: Date(timeIntervalSince1970: 1_795_000_000)))
        #expect(Set(parts.keys) == ["[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                                     "xl/styles.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"])
        let sheet1 = parts["xl/worksheets/sheet1.xml"]!
        #expect(sheet1.contains(#"<c r="A1" s="1" t="inlineStr"><is><t xml:space="preserve">题目</t></is></c>"#))
        #expect(sheet1.contains("总体满意度 &lt;&amp;&quot;'&gt;"))
        #expect(sheet1.contains(#"<c r="B2"><v>128</v></c>"#) && sheet1.contains(#"<c r="C2" s="4"><v>0.8125</v></c>"#))
        #expect(sheet1.contains(#"<col min="1" max="1" width="24" customWidth="1"/>"#))
        #expect(sheet1.contains(#"state="frozen""#))
        let sheet2 = parts["xl/worksheets/sheet2.xml"]!
        // 2026-11-28 is serial 46354; 09:30 is 0.3958…
        #expect(sheet2.contains(#"<c r="B2" s="3"><v>46354.395833333336</v></c>"#))
        #expect(sheet2.contains(#"<c r="D2" t="b"><v>0</v></c>"#) && sheet2.contains(#"<c r="E2" s="2"><v>46023</v></c>"#))
        #expect(parts["xl/workbook.xml"]!.contains(#"<sheet name="答卷" sheetId="2" r:id="rId2"/>"#))
    }

    @Test func columnNamesAndSerials() {
        #expect(SheetXML.columnName(0) == "A" && SheetXML.columnName(25) == "Z" && SheetXML.columnName(26) == "AA" && SheetXML.columnName(701) == "ZZ" && SheetXML.columnName(702) == "AAA")
        #expect(SheetXML.serial(1900, 3, 1) == 61 && SheetXML.serial(2000, 1, 1) == 36526)
    }

    @Test func badSheetNamesAreRefused() {
        #expect(throws: XLSXError.invalidSheetName("a/b")) { try Workbook(sheets: [Sheet(name: "a/b", rows: [])]).validate() }
        #expect(throws: XLSXError.invalidSheetName(String(repeating: "表", count: 32))) { try Workbook(sheets: [Sheet(name: String(repeating: "表", count: 32), rows: [])]).validate() }
        #expect(throws: XLSXError.duplicateSheetName("Data")) { try Workbook(sheets: [Sheet(name: "data", rows: []), Sheet(name: "Data", rows: [])]).validate() }
        #expect(throws: XLSXError.noSheets) { try Workbook(sheets: []).validate() }
    }

    @Test func controlCharactersAreDroppedSoTheXMLStaysValid() {
        #expect(XML.escape("a\u{01}b\tc\u{FFFF}") == "a" + "b\tc")
    }
}

/// Reads the workbook back with openpyxl (the reader the issue names) and compares cell by cell.
/// CI sets REQUIRE_OPENPYXL=1 and OPENPYXL_PYTHON, so there the test cannot be skipped.
@Suite(.enabled(if: OpenPyXL.python != nil || ProcessInfo.processInfo.environment["REQUIRE_OPENPYXL"] == "1",
                "openpyxl is not installed (pip install openpyxl, or set OPENPYXL_PYTHON)"))
struct OpenPyXLReadBackTests {
    @Test func openpyxlReadsEveryCellBack() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wb-\(UUID().uuidString).xlsx")
        try WorkbookTests.sample.data().write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let script = """
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        out = {}
        for ws in wb.worksheets:
            out[ws.title] = {"rows": [[(c.value.isoformat() if hasattr(c.value, "isoformat") else c.value) for c in row] for row in ws.iter_rows()],
                             "bold": ws["A1"].font.b, "width": ws.column_dimensions["A"].width, "freeze": ws.freeze_panes,
                             "formats": [c.number_format for c in ws[2]]}
        print(json.dumps(out, ensure_ascii=False))
        """
        let output = try OpenPyXL.run(script, file.path)
        let read = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: [String: Any]]
        #expect(read.keys.sorted() == ["汇总", "答卷"])
        let summary = read["汇总"]!
        let rows = summary["rows"] as! [[Any]]
        #expect(rows[0] as? [String] == ["题目", "份数", "满意率"])
        #expect(rows[1][0] as? String == "总体满意度 <&\"'>" && rows[1][1] as? Int == 128 && rows[1][2] as? Double == 0.8125)
        #expect(rows[2][1] as? Double == 3.5 && rows[2][2] is NSNull)
        #expect(summary["bold"] as? Bool == true && summary["width"] as? Double == 24 && summary["freeze"] as? String == "A2")
        #expect((summary["formats"] as! [String])[2] == "0.0%")
        let answers = read["答卷"]!["rows"] as! [[Any]]
        #expect(answers[1][0] as? String == "P-001" && answers[1][1] as? String == "2026-11-28T09:30:00" && answers[1][3] as? Bool == false)
        #expect(answers[1][4] as? String == "2026-01-01T00:00:00")
    }
}

enum OpenPyXL {
    static let python: String? = {
        let env = ProcessInfo.processInfo.environment
        let candidates = [env["OPENPYXL_PYTHON"], ".venv-browser/bin/python", "/usr/bin/python3"].compactMap { $0 }
        return candidates.first { path in
            FileManager.default.isExecutableFile(atPath: path) && (try? run("import openpyxl", python: path)) != nil
        }
    }()

    static func run(_ script: String, _ args: String..., python: String? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python ?? Self.python ?? "/usr/bin/python3")
        process.arguments = ["-c", script] + args
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "openpyxl", code: Int(process.terminationStatus),
                          userInfo: [NSLocalizedDescriptionKey: String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
