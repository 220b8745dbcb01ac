import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

/// Township stations close for lunch: a day may have two periods.
@Suite struct OpeningHoursTests {
    // 2026-11-23 is a Monday; 04:30 UTC is 12:30 in Xinmi, inside the lunch break.
    static let lunchtime = ISO8601DateFormatter().date(from: "2026-11-23T04:30:00Z")!

    @Test func aLunchBreakSplitsTheDayIntoTwoPeriods() async throws {
        try await withTestApp(clock: ManualClock(Self.lunchtime)) { app, clock in
            let f = try await Fixtures.make(on: app)
            let browser = try await Browser.signedIn(app, as: "chengguan")
            let url = SiteURL.venues(.staffHours(.id(f.chengguanStation.id!))).path
            let overlap = try await browser.post(url, [("opens_1", "08:00"), ("closes_1", "12:00"), ("opens2_1", "11:00"), ("closes2_1", "18:00")])
            #expect(overlap.status == .unprocessableEntity)
            #expect(overlap.body.string.contains("午休后的开门时间应晚于上午的闭馆时间"))
            #expect(try await OpeningHours.query(on: app.db).count() == 0)

            let saved = try await browser.post(url, [("opens_1", "08:00"), ("closes_1", "12:00"), ("opens2_1", "14:00"), ("closes2_1", "18:00")])
            #expect(saved.status == .seeOther)
            let form = try await browser.get(url).body.string
            #expect(form.contains(#"id="f-opens2_1" name="opens2_1""#))
            #expect(form.contains(#"value="14:00""#))
            let page = try await Browser(app).get(SiteURL.venues(.show(.id(f.chengguanStation.id!))).path).body.string
            #expect(page.contains("08:00–12:00、14:00–18:00"))
            let atLunch = try await Browser(app).get(SiteURL.venues(.index).with([("open", "1")])).body.string
            #expect(!atLunch.contains("城关镇综合文化站"), "closed for lunch")
            clock.advance(by: 2 * 3600)
            let afternoon = try await Browser(app).get(SiteURL.venues(.index).with([("open", "1")])).body.string
            #expect(afternoon.contains("城关镇综合文化站"), "open at 14:30")
        }
    }

    @Test func theAPITakesUpToTwoPeriodsADayInAnyOrder() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            let api = APIClient(app: app, token: try await Fixtures.token(for: "chengguan", on: app.db))
            let path = "/api/v1/venues/\(f.chengguanStation.id!)/hours"
            let three = try await api.send(.PUT, path, json: #"{"hours":[{"weekday":2,"opens":"08:00","closes":"10:00"},{"weekday":2,"opens":"11:00","closes":"12:00"},{"weekday":2,"opens":"14:00","closes":"16:00"}]}"#)
            #expect(three.status == .unprocessableEntity)
            #expect(three.errorFields["hours"] == "每天最多两个开放时段（午休前后）。")
            let two = try await api.send(.PUT, path, json: #"{"hours":[{"weekday":2,"opens":"14:30","closes":"17:30"},{"weekday":2,"opens":"08:30","closes":"12:00"}]}"#)
            #expect(two.status == .ok)
            let venue = try JSONDecoder().decode(VenueDTO.self, from: Data(two.body.string.utf8))
            #expect(venue.openingHours == [HoursDTO(weekday: 2, opens: "08:30", closes: "12:00"), HoursDTO(weekday: 2, opens: "14:30", closes: "17:30")])
        }
    }
}
