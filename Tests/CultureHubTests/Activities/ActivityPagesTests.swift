import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting
@testable import CultureHub

@Suite struct ActivityPagesTests {
    @Test func publicListCalendarDetailFeedAndMenuRender() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.micunStation, title: "少儿书法培训班", now: clock.now(), on: app.db)
            let visitor = Browser(app)
            let time = DisplayTime(timeZone: app.settings.displayTimeZone, now: activity.startsAt)

            let list = try await visitor.get(SiteURL.activities(.index).with([("township", f.micun.id!.uuidString)]))
            let otherTownship = try await visitor.get(SiteURL.activities(.index).with([("township", f.chengguan.id!.uuidString)]))
            let calendar = try await visitor.get(SiteURL.activities(.calendar).with([("month", String(time.today.prefix(7)))]))
            let detail = try await visitor.get(SiteURL.activities(.show(.id(activity.id!))).path)
            let feed = try await visitor.get(SiteURL.activities(.feed).with([("venue", f.micunStation.id!.uuidString)]))
            let badFilter = try await visitor.get(SiteURL.activities(.index).with([("kind", "circus")]))

            #expect(list.status == .ok && list.body.string.contains("少儿书法培训班") && list.body.string.contains("剩余 50 个名额"))
            #expect(!otherTownship.body.string.contains("少儿书法培训班"))
            #expect(calendar.status == .ok && calendar.body.string.contains("少儿书法培训班"))
            #expect(detail.body.string.contains("登录后报名"))
            #expect(feed.headers.contentType?.description.contains("text/calendar") == true && feed.body.string.contains("SUMMARY:少儿书法培训班"))
            #expect(badFilter.status == .badRequest && badFilter.body.string.contains("不认识的选项"))
        }
    }

    @Test func staffPublishAnActivityAndCannotTouchAnotherTownships() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let day = DisplayTime(timeZone: app.settings.displayTimeZone, now: clock.now()).day(after: 5)
            let form: [(String, String)] = [("venue", f.chengguanStation.id!.uuidString), ("kind", "lecture"), ("title", "老年人智能手机课"),
                                            ("groups[]", "elderly"), ("date", day), ("starts", "09:00"), ("ends", "10:30"), ("registration", "required"),
                                            ("capacity", "30"), ("perAccount", "1"), ("cancelHours", "2"), ("space", f.chengguanSpace.id!.uuidString)]

            let created = try await staff.post(SiteURL.activities(.staffNew).path, form)
            let clash = try await staff.post(SiteURL.activities(.staffNew).path, form.map { $0.0 == "title" ? ($0.0, "同时段另一个") : $0 })
            let bad = try await staff.post(SiteURL.activities(.staffNew).path, form.map { $0.0 == "ends" ? ($0.0, "08:00") : $0 })
            let elsewhere = try await staff.post(SiteURL.activities(.staffNew).path, form.map { $0.0 == "venue" ? ($0.0, f.micunStation.id!.uuidString) : $0 })

            #expect(created.status == .seeOther || created.status == .found)
            #expect(clash.status == .unprocessableEntity && clash.body.string.contains("已被占用"))
            #expect(bad.status == .unprocessableEntity && bad.body.string.contains("结束时间要晚于开始时间"))
            #expect(elsewhere.status == .forbidden)
            let saved = try await Activity.query(on: app.db).all()
            #expect(saved.count == 1 && saved[0].title == "老年人智能手机课")
            let micun = try await Browser.signedIn(app, as: "micun")
            #expect(try await micun.get(SiteURL.activities(.staffShow(.id(saved[0].id!))).path).status == .notFound)
            #expect(try await micun.post(SiteURL.activities(.staffCancel(.id(saved[0].id!))).path, []).status == .forbidden)
        }
    }

    @Test func menuListsItemsAndStaffKeepTheirOwn() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let saved = try await staff.post(SiteURL.menu(.staffIndex(.id(f.chengguanStation.id!))).path, [
                ("kind", "performance"), ("title", "送戏下乡"), ("content", "豫剧演出"), ("quantity", "12"), ("unit", "场"),
                ("period", "year"), ("groups[]", "everyone"), ("fee", "0"), ("orderable", "1"), ("active", "1")])
            let badFee = try await staff.post(SiteURL.menu(.staffIndex(.id(f.chengguanStation.id!))).path, [
                ("kind", "training"), ("title", "书法班"), ("content", "x"), ("quantity", "1"), ("unit", "期"), ("period", "year"),
                ("groups[]", "children"), ("fee", "-5"), ("active", "1")])
            let menu = try await Browser(app).get(SiteURL.menu(.index).path)

            #expect(saved.status == .seeOther || saved.status == .found)
            #expect(badFee.status == .unprocessableEntity && badFee.body.string.contains("请填写金额"))
            #expect(menu.body.string.contains("送戏下乡") && menu.body.string.contains("每年 12 场"))
        }
    }
}

extension ActivityPagesTests {
    @Test func listsShowOnlyComingPublishedActivitiesFilteredAndPagedInSQL() async throws {
        try await withTestApp { app, clock in
            let f = try await Fixtures.make(on: app)
            let elderly = try await Activity.mock(f.micunStation, title: "老年合唱", startsIn: 2 * 86_400, now: clock.now(), on: app.db)
            elderly.targetGroupCodes = ",elderly,"; try await elderly.save(on: app.db)
            let children = try await Activity.mock(f.chengguanStation, title: "少儿绘本", startsIn: 86_400, now: clock.now(), on: app.db)
            children.targetGroupCodes = ",children,"; try await children.save(on: app.db)
            _ = try await Activity.mock(f.chengguanStation, title: "昨天的讲座", startsIn: -2 * 86_400, now: clock.now(), on: app.db)
            let cancelled = try await Activity.mock(f.chengguanStation, title: "取消的演出", now: clock.now(), on: app.db)
            cancelled.status = .cancelled; try await cancelled.save(on: app.db)
            let api = APIClient(app: app, token: nil)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601

            let all = try decoder.decode(PageDTO<ActivityDTO>.self, from: Data(try await api.send(.GET, "/api/v1/activities").body.string.utf8))
            let second = try decoder.decode(PageDTO<ActivityDTO>.self, from: Data(try await api.send(.GET, "/api/v1/activities?per=1&page=2").body.string.utf8))
            let forElderly = try decoder.decode(PageDTO<ActivityDTO>.self, from: Data(try await api.send(.GET, "/api/v1/activities?group=elderly").body.string.utf8))
            let page = try await Browser(app).get(SiteURL.activities(.index).with([("venue", f.chengguanStation.id!.uuidString)])).body.string

            #expect(all.total == 2 && all.items.map(\.title) == ["少儿绘本", "老年合唱"], "soonest first; ended and cancelled left out")
            #expect(second.total == 2 && second.items.map(\.title) == ["老年合唱"])
            #expect(forElderly.items.map(\.title) == ["老年合唱"] && forElderly.items[0].remainingPlaces == 50)
            #expect(page.contains("少儿绘本") && page.contains("城关镇综合文化站") && !page.contains("老年合唱") && page.contains("共 1 个活动"))
        }
    }

    @Test func menuSortsNearestFirstFromAVillageAndPagesInSQL() async throws {
        try await withTestApp { app, _ in
            let f = try await Fixtures.make(on: app)
            for (venue, lat, lng) in [(f.chengguanStation, 34.53, 113.38), (f.micunStation, 34.42, 113.47), (f.micunVillageCentre, 34.40, 113.50)] {
                venue.latitude = lat; venue.longitude = lng
                try await venue.save(on: app.db)
            }
            for (i, venue) in ([f.chengguanStation] + Array(repeating: f.micunStation, count: 16)).enumerated() {
                let item = ServiceItem()
                item.$venue.id = venue.id!; item.regionPath = venue.regionPath; item.kind = .performance
                item.title = i == 0 ? "城关送戏" : "米村讲座\(String(format: "%02d", i))"; item.content = "内容"; item.quantity = 4; item.period = .year
                item.unit = "场"; item.targetGroupCodes = ",everyone,"; item.feeFen = 0; item.feeNote = ""; item.orderable = true; item.active = true
                try await item.create(on: app.db)
            }
            let browser = Browser(app)

            let byTitle = try await browser.get(SiteURL.menu(.index).path).body.string
            let fromMicun = try await browser.get(SiteURL.menu(.index).with([("village", f.micunVillage.id!.uuidString)])).body.string
            let fromChengguan = try await browser.get(SiteURL.menu(.index).with([("village", f.chengguanVillage.id!.uuidString)])).body.string
            let lastPage = try await browser.get(SiteURL.menu(.index).with([("page", "2")])).body.string
            let nearChengguan = try await browser.get(SiteURL.menu(.index).with([("near", f.chengguan.id!.uuidString)])).body.string
            let bad = try await browser.get(SiteURL.menu(.index).with([("village", "东关村")]))

            #expect(byTitle.contains("共 17 个服务项目") && !byTitle.contains("约 "))
            #expect(fromMicun.contains("按距离由近到远") && fromMicun.contains("约 "))
            #expect(fromMicun.range(of: "米村讲座01")!.lowerBound < fromMicun.range(of: "城关送戏")?.lowerBound ?? fromMicun.endIndex)
            #expect(fromChengguan.range(of: "城关送戏")!.lowerBound < fromChengguan.range(of: "米村讲座01")!.lowerBound)
            #expect(lastPage.contains("米村讲座16") && !lastPage.contains("米村讲座01"), "15 a page, the rest on page 2")
            #expect(nearChengguan.contains("城关镇 · 东关村") && !nearChengguan.contains("拐峪村"), "only the chosen township's villages")
            #expect(bad.status == .badRequest)
        }
    }
}

@Suite struct UploadTests {
    @Test func imagesAreRecognisedByTheirBytesNotTheirNames() {
        #expect(Uploads.sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]) == .jpeg)
        #expect(Uploads.sniff([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0]) == .png)
        #expect(Uploads.sniff(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 ".utf8)) == .webp)
        #expect(Uploads.sniff(Array("<html><script>".utf8)) == nil)
        #expect(Uploads.sniff(Array("%PDF-1.7".utf8)) == nil)
    }

    @Test func staffUploadReplaceAndRemoveTheActivityPhotoThatTheVisitorSees() async throws {
        try await withTestApp(settings: { $0.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path }) { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, now: clock.now(), on: app.db)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let page = try await staff.get(SiteURL.activities(.staffShow(.id(activity.id!))).path)
            let csrf = try #require(page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
            func post(_ fields: [(String, String)], photo: [UInt8]?) async throws -> TestingHTTPResponse {
                var body = ByteBuffer()
                for (name, value) in [("_csrf", String(csrf))] + fields {
                    body.writeString("--B\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
                }
                if let photo {
                    body.writeString("--B\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"poster.png\"\r\nContent-Type: image/png\r\n\r\n")
                    body.writeBytes(photo)
                    body.writeString("\r\n")
                }
                body.writeString("--B--\r\n")
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=B")
                headers.replaceOrAdd(name: .cookie, value: staff.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                return try await app.testing().sendRequest(.POST, SiteURL.activities(.staffPhoto(.id(activity.id!))).path, headers: headers, body: body)
            }
            let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 64)

            let fake = try await post([], photo: Array("<svg onload=alert(1)>".utf8))
            let noPhotoYet = try await Browser(app).get(SiteURL.activities(.photo(.id(activity.id!))).path)
            let uploaded = try await post([], photo: png)
            let visitorPage = try await Browser(app).get(SiteURL.activities(.show(.id(activity.id!))).path).body.string
            let served = try await Browser(app).get(SiteURL.activities(.photo(.id(activity.id!))).path)
            let removed = try await post([("remove", "1")], photo: nil)
            let afterRemoval = try await Browser(app).get(SiteURL.activities(.show(.id(activity.id!))).path).body.string
            let otherTownship = try await Browser.signedIn(app, as: "micun")
            let intruder = try await otherTownship.post(SiteURL.activities(.staffPhoto(.id(activity.id!))).path, [("remove", "1")])

            #expect(fake.status == .seeOther && noPhotoYet.status == .notFound, "a fake image is refused and nothing is stored")
            #expect(uploaded.status == .seeOther && visitorPage.contains("活动照片：") && visitorPage.contains(SiteURL.activities(.photo(.id(activity.id!))).path))
            #expect(served.status == .ok && served.headers.contentType?.description == "image/png" && served.body.readableBytes == png.count)
            #expect(removed.status == .seeOther && !afterRemoval.contains("活动照片："))
            #expect(intruder.status == .forbidden || intruder.status == .notFound)
        }
    }

    @Test func headcountWithAPhotoIsSavedAndAFakeImageRefused() async throws {
        try await withTestApp(settings: { $0.dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString).path }) { app, clock in
            let f = try await Fixtures.make(on: app)
            let activity = try await Activity.mock(f.chengguanStation, startsIn: -7200, mode: .open, now: clock.now(), on: app.db)
            let staff = try await Browser.signedIn(app, as: "chengguan")
            let page = try await staff.get(SiteURL.activities(.staffShow(.id(activity.id!))).path)
            let csrf = try #require(page.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/)?.1)
            func upload(_ bytes: [UInt8], count: String) async throws -> TestingHTTPResponse {
                let boundary = "XBOUNDARY"
                var body = ByteBuffer()
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(csrf)\r\n")
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"headcount\"\r\n\r\n\(count)\r\n")
                body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"photo\"; filename=\"p.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n")
                body.writeBytes(bytes)
                body.writeString("\r\n--\(boundary)--\r\n")
                var headers = HTTPHeaders()
                headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
                headers.replaceOrAdd(name: .cookie, value: staff.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; "))
                return try await app.testing().sendRequest(.POST, SiteURL.activities(.staffHeadcount(.id(activity.id!))).path, headers: headers, body: body)
            }

            _ = try await upload(Array("<html>not an image</html>".utf8), count: "80")
            #expect(try await Activity.find(activity.id, on: app.db)?.headcount == nil, "a fake image saves nothing")
            _ = try await upload([0xFF, 0xD8, 0xFF, 0xE0] + Array(repeating: 0, count: 100), count: "86")
            let saved = try #require(try await Activity.find(activity.id, on: app.db))
            #expect(saved.headcount == 86 && saved.headcountPhotoPath?.hasSuffix(".jpg") == true)
            #expect(try await staff.get(SiteURL.staffUpload(saved.headcountPhotoPath!).path).status == .ok)
        }
    }
}
