import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Bad input gets a clear, localized error beside the field, and nothing is half-saved.
@Suite struct ValidationTests {
    @Test func hoursThatEndBeforeTheyStartAreRejectedAndKeptAsTyped() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            let url = SiteURL.venues(.staffHours(.id(f.chengguanStation.id!))).path
            #expect(try await browser.post(url, [("opens_1", "08:30"), ("closes_1", "17:30")]).status == .seeOther)
            #expect(try await browser.get(url).body.string.contains("目前每周开放 9.0 小时，低于每周 42 小时的标准"))

            let bad = try await browser.post(url, [("opens_1", "09:00"), ("closes_1", "08:00"), ("opens_2", "25:00"), ("closes_2", "12:00"), ("opens_3", "09:00")])
            let html = bad.body.string
            #expect(bad.status == .unprocessableEntity)
            #expect(html.contains("闭馆时间必须晚于开门时间"))
            #expect(html.contains("时间格式应为 09:00"))
            #expect(html.contains("请同时填写开门和闭馆时间"))
            #expect(html.contains("value=\"25:00\""))
            #expect(html.contains("aria-invalid=\"true\""))
            let stored = try await OpeningHours.query(on: app.db).filter(\.$venue.$id == f.chengguanStation.id!).all()
            #expect(stored.count == 1 && stored[0].opensAt == 510, "the earlier hours are untouched")
        }
    }

    @Test func venueFormErrorsSaveNothing() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            let long = String(repeating: "长", count: 101)
            let response = try await browser.post(SiteURL.venues(.staffShow(.id(f.chengguanStation.id!))).path, [
                ("name", long), ("type", "castle"), ("region", f.chengguan.id!.uuidString), ("networkRole", "branch"),
                ("status", "operating"), ("address", "新地址"), ("latitude", "95"), ("longitude", "113.4"), ("facilities[]", "ramp"),
            ])
            let html = response.body.string
            #expect(response.status == .unprocessableEntity)
            #expect(html.contains("不能超过 100 个字"))
            #expect(html.contains("不认识的选项“castle”"))
            #expect(html.contains("应在 -90.0 到 90.0 之间"))
            #expect(html.contains("value=\"新地址\""))
            let stored = try await Venue.find(f.chengguanStation.id, on: app.db)!
            #expect(stored.name == "城关镇综合文化站")
            #expect(stored.address == "新密市城关镇")
        }
    }

    @Test func spacesRejectNegativeCapacity() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            let url = SiteURL.venues(.staffSpaces(.id(f.chengguanStation.id!))).path
            let bad = try await browser.post(url, [("name", "排练室"), ("kind", "rehearsalRoom"), ("capacity", "-5")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("不能为负数"))
            #expect(try await Space.query(on: app.db).filter(\.$venue.$id == f.chengguanStation.id!).count() == 1)

            let good = try await browser.post(url, [("name", "排练室"), ("kind", "rehearsalRoom"), ("capacity", "40"), ("bookable", "1")])
            #expect(good.status == .seeOther)
            #expect(try await browser.get(url).body.string.contains("已保存场地“排练室”"))
        }
    }

    @Test func noticesNeedAValidDateRange() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            let url = SiteURL.notices(.staffIndex(.id(f.chengguanStation.id!))).path
            let bad = try await browser.post(url, [("title", "公示"), ("freeItems", "阅览"), ("content", "免费"), ("hoursText", "每天"),
                                                  ("validFrom", "2026-02-30"), ("validUntil", "2025-01-01")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.string.contains("不是有效的日期"))
            let backwards = try await browser.post(url, [("title", "公示"), ("freeItems", "阅览"), ("content", "免费"), ("hoursText", "每天"),
                                                        ("validFrom", "2026-03-01"), ("validUntil", "2026-01-01")])
            #expect(backwards.body.string.contains("截止日期不能早于开始日期"))
            #expect(try await FreeOpeningNotice.query(on: app.db).count() == 0)
        }
    }

    @Test func apiErrorsUseTheJSONShape() async throws {
        try await withTestApp(settings: { $0.maxBodySize = "16kb" }) { app, _ in
            let f = try await Fixtures.make(on: app)
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let id = f.chengguanStation.id!

            let malformed = try await api.send(.PATCH, "/api/v1/venues/\(id)", json: "{not json")
            #expect(malformed.status == .badRequest)
            #expect(malformed.errorCode == "bad_request")
            #expect(malformed.body.string.contains("不是有效的 JSON"))

            let invalid = try await api.send(.POST, "/api/v1/venues/\(id)/spaces", json: #"{"name":"","kind":"ballroom","capacity":-1}"#, lang: "en")
            #expect(invalid.status == .unprocessableEntity)
            #expect(invalid.errorCode == "validation_failed")
            #expect(invalid.errorFields["kind"] == "Unknown option “ballroom”.")
            #expect(invalid.errorFields["capacity"] == "Cannot be negative.")
            #expect(invalid.errorFields["name"] == "This field is required.")

            let hours = try await api.send(.PUT, "/api/v1/venues/\(id)/hours", json: #"{"hours":[{"weekday":1,"opens":"18:00","closes":"09:00"}]}"#)
            #expect(hours.status == .unprocessableEntity)
            #expect(hours.errorFields["closes_1"] == "闭馆时间必须晚于开门时间。")

            let wrongType = try await api.send(.PATCH, "/api/v1/venues/\(id)", json: #"{"latitude":"north","accessibility":[1]}"#)
            #expect(wrongType.status == .unprocessableEntity)
            #expect(wrongType.errorFields["latitude"] == "类型不对，应为数字。")
            let badID = try await api.send(.PATCH, "/api/v1/venues/\(id)", json: #"{"regionId":"nope"}"#)
            #expect(badID.errorFields["regionId"] == "取值格式不对。")

            let unknown = try await api.send(.GET, "/api/v1/venues/\(UUID())")
            #expect(unknown.status == .notFound)
            #expect(unknown.errorCode == "not_found")
            #expect(try await api.send(.GET, "/api/v1/venues/not-a-uuid").status == .notFound)
            #expect(try await api.send(.GET, "/api/v1/venues?type=castle").errorFields["type"] != nil)
            #expect(try await api.send(.GET, "/api/v1/regions?per=500").status == .unprocessableEntity)

            // The size limit applies while the body streams in, so this goes through a real socket.
            let huge = "{\"intro\":\"" + String(repeating: "x", count: 40_000) + "\"}"
            var headers = HTTPHeaders()
            headers.contentType = .json
            headers.bearerAuthorization = BearerAuthorization(token: api.token!)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: Int.random(in: 20_000...40_000)))
            let tooLarge = try await live.sendRequest(.PATCH, "/api/v1/venues/\(id)", headers: headers, body: ByteBuffer(string: huge))
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.errorCode == "payload_too_large")
            #expect(try await Space.query(on: app.db).count() == 2)
        }
    }

    @Test func unknownPagesAndRecordsAre404InTheUsersLanguage() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            let zh = try await browser.get("/venues/\(UUID())")
            #expect(zh.status == .notFound)
            #expect(zh.body.string.contains("找不到您要的页面或记录"))
            browser.acceptLanguage = "en-US,en;q=0.9"
            let en = try await browser.get("/no-such-page")
            #expect(en.status == .notFound)
            #expect(en.body.string.contains("does not exist"))
        }
    }
}

/// Form posts that arrive in several reads over a real socket.
@Suite struct StreamedFormTests {
    @Test func aLongFormIsReadWholeAndAnOversizedOneIs413() async throws {
        try await withTestApp(settings: { $0.maxBodySize = "64kb" }) { app, _ in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            try await browser.get(SiteURL.notices(.staffIndex(.id(f.chengguanStation.id!))).path)
            let live = try app.testing(method: .running(hostname: "127.0.0.1", port: Int.random(in: 20_000...40_000)))
            func post(_ content: String) async throws -> TestingHTTPResponse {
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.add(name: .cookie, value: browser.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                let body = "title=T&freeItems=F&hoursText=H&validFrom=2026-01-01&_csrf=\(browser.csrf!)&content=" + content
                return try await live.sendRequest(.POST, SiteURL.notices(.staffIndex(.id(f.chengguanStation.id!))).path,
                                                  headers: headers, body: ByteBuffer(string: body))
            }
            let long = try await post(String(repeating: "%E9%95%BF", count: 3000))  // 3,000 × 长, 27 KB encoded
            #expect(long.status == .unprocessableEntity, "the token was found in a streamed body")
            #expect(long.body.string.contains("不能超过 2000 个字"))
            let huge = try await post(String(repeating: "x", count: 100_000))
            #expect(huge.status == .payloadTooLarge)
            #expect(try await FreeOpeningNotice.query(on: app.db).count() == 0)
        }
    }
}
