import Fluent
import Foundation
import KPIMetrics
import Testing
import Vapor
import VaporTesting
import XLSXWriter
@testable import CultureHub

/// Third-party results imported with a validation report (R8.3). The suite's improvement-plan
/// test is in Plans/ThirdPartyAndPlanTests+Plans.swift.
@Suite struct ThirdPartyAndPlanTests {
    static func upload(_ browser: Browser, _ app: Application, name: String, data: Data, type: String) async throws -> TestingHTTPResponse {
        let boundary = "----culturehub\(UUID().uuidString.prefix(8))"
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(CSRF.fieldName)\"\r\n\r\n\(try await browser.csrfToken())\r\n".utf8))
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: \(type)\r\n\r\n".utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return try await browser.postRaw(SiteURL.evaluation(.thirdPartyImport).path, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    @Test func anImportWithABadRowImportsNothingAndAGoodOneCounts() async throws {
        try await withTestApp { app, _ in
            _ = try await Fixtures.make(on: app)
            let thirdParty = try await Browser.signedIn(app, as: "thirdparty")
            let bad = """
                场馆,调查日期,评分,份数
                城关镇综合文化站,2026-10-12,5,30
                城关镇综合文化站,2026-10-12,6,3
                不存在的馆,2026-13-01,4,-1
                """
            let refused = try await Self.upload(thirdParty, app, name: "bad.csv", data: Data(bad.utf8), type: "text/csv")
            let page = refused.body.string
            #expect(refused.status == .unprocessableEntity && page.contains("整个文件都没有导入"))
            #expect(page.contains("评分应为 1 到 5 的整数（现为“6”）") && page.contains("找不到名为“不存在的馆”的场馆") && page.contains("份数应为 1 到 100000 的整数（现为“-1”）"))
            #expect(try await ThirdPartyResult.query(on: app.db).count() == 0)

            let sheet = Workbook(title: "测评", sheets: [Sheet(name: "结果", rows: [
                ["场馆", "调查日期", "评分", "份数"].map(Cell.text),
                [.text("城关镇综合文化站"), .text("2026-10-12"), .integer(5), .integer(30)],
                [.text("城关镇综合文化站"), .text("2026-10-12"), .integer(3), .integer(10)],
            ])])
            let accepted = try await Self.upload(thirdParty, app, name: "good.xlsx", data: try sheet.data(created: Date()), type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            #expect(accepted.status == .seeOther)
            #expect(try await ThirdPartyResult.query(on: app.db).count() == 2)
            let satisfaction = try await SatisfactionPanel.load(.region(path: "/"), year: 2026, time: DisplayTime(timeZone: EvaluationFixture.zone, now: Date(timeIntervalSince1970: 1_795_000_000)), on: app.db)
            #expect(satisfaction.total.count(.thirdParty) == 40 && satisfaction.total.rate(.thirdParty) == 0.75)

            let byHand = try await thirdParty.post(SiteURL.evaluation(.thirdPartyEntry).path, [("venue", ""), ("date", "2026-10-12"), ("score", "9"), ("count", "2")])
            #expect(byHand.status == .unprocessableEntity && byHand.body.string.contains("评分应为 1 到 5"))
            let chengguan = try await Browser.signedIn(app, as: "chengguan")
            #expect(try await chengguan.get(SiteURL.evaluation(.thirdParty).path).status == .forbidden)
        }
    }
}

extension Browser {
    func csrfToken() async throws -> String {
        if csrf == nil { try await get(SiteURL.login.path) }
        return csrf ?? ""
    }

    /// Posts a body as is (a multipart upload), with the session cookie.
    func postRaw(_ path: String, body: Data, contentType: String) async throws -> TestingHTTPResponse {
        var h = HTTPHeaders()
        h.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
        h.replaceOrAdd(name: .contentType, value: contentType)
        h.replaceOrAdd(name: .acceptLanguage, value: acceptLanguage)
        return try await app.testing().sendRequest(.POST, path, headers: h, body: ByteBuffer(data: body))
    }
}
