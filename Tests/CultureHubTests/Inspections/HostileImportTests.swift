import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
import ZIPFoundation
@testable import CultureHub

/// The two workbooks that used to kill the process through the third-party results import
/// (issue #20): a column reference past any integer, and a negative shared-string index.
@Suite struct HostileImportTests {
    static func workbook(_ rows: String, shared: [String]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        let sheet = Data(#"<?xml version="1.0" encoding="UTF-8"?><worksheet><sheetData>\#(rows)</sheetData></worksheet>"#.utf8)
        let strings = Data(#"<?xml version="1.0"?><sst>\#(shared.map { "<si><t>\($0)</t></si>" }.joined())</sst>"#.utf8)
        for (path, data) in [("xl/sharedStrings.xml", strings), ("xl/worksheets/sheet1.xml", sheet)] {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { at, size in
                data.subdata(in: Int(at)..<Int(at) + size)
            }
        }
        return try #require(archive.data)
    }

    @Test func hostileWorkbooksAnswer422AndSaveNothing() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let thirdParty = try await Browser.signedIn(app, as: "thirdparty")
            let header = #"<row><c t="s"><v>0</v></c><c t="s"><v>1</v></c><c t="s"><v>2</v></c><c t="s"><v>3</v></c></row>"#
            let names = ["场馆", "调查日期", "评分", "份数", "城关镇综合文化站"]
            let overflow = try Self.workbook(header + #"<row><c r="ZZZZZZZZZZZZZZZZZZZZZZZZZZ2" t="s"><v>4</v></c></row>"#, shared: names)
            let negative = try Self.workbook(header + #"<row><c t="s"><v>-4</v></c><c><v>2026-10-12</v></c><c><v>5</v></c><c><v>3</v></c></row>"#,
                                             shared: names)
            let type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

            let first = try await ThirdPartyAndPlanTests.upload(thirdParty, app, name: "overflow.xlsx", data: overflow, type: type)
            let second = try await ThirdPartyAndPlanTests.upload(thirdParty, app, name: "negative.xlsx", data: negative, type: type)

            #expect(first.status == .unprocessableEntity && first.body.string.contains("超出导入上限"))
            #expect(second.status == .unprocessableEntity && second.body.string.contains("整个文件都没有导入"))
            #expect(try await ThirdPartyResult.query(on: app.db).count() == 0)
            #expect(try await Browser(app).get("/healthz").status == .ok, "the process is still serving")
        }
    }
}
