import Fluent
import Foundation

/// The city venues' digital catalogues, and a few upcoming activities streamed live.
enum DemoDigital {
    static let catalogue: [VenueType: [(DigitalKind, String, String)]] = [
        .library: [(.eReading, "新密市数字图书馆", "电子图书 12 万册、期刊 3000 种，凭读者证免费阅读。"),
                   (.onlineCourse, "老年人智能手机课（视频版）", "八节短课：挂号、视频通话、识别诈骗电话。"),
                   (.eReading, "有声读物·新密故事", "本地作家朗读的新密民间故事 40 集。")],
        .culturalCentre: [(.recordedPerformance, "2026 年新密市春节联欢晚会", "全场录像，约 150 分钟。"),
                          (.onlineCourse, "广场舞基础 12 讲", "文化馆舞蹈老师分步讲解，适合零基础。"),
                          (.onlineCourse, "书法入门慕课", "楷书笔画与结构，共 16 课时。")],
        .museum: [(.onlineExhibition, "新密古窑址瓷器线上展", "馆藏唐宋瓷器 3D 展示与讲解。"),
                  (.onlineExhibition, "黄帝文化线上展厅", "图文与语音导览。")],
        .operaCentre: [(.recordedPerformance, "豫剧《花木兰》全本", "新密市豫剧团演出录像。"),
                       (.recordedPerformance, "戏曲进校园专场", "少儿戏曲表演精选。")],
    ]

    static func load(on db: any Database, now: Date) async throws {
        var random = SeededRandom(seed: 20_261_203)
        let venues = try await Venue.query(on: db).filter(\.$type ~~ Array(catalogue.keys)).all()
        var resources: [DigitalResource] = []
        for venue in venues {
            for (n, (kind, title, details)) in (catalogue[venue.type] ?? []).enumerated() {
                let r = DigitalResource()
                r.$venue.id = venue.id!
                r.regionPath = venue.regionPath
                r.kind = kind
                r.title = title
                r.details = details
                r.url = "https://digital.xinmi.example.cn/\(venue.type.rawValue)/\(n + 1)"
                r.views = random.int(80...4_000)
                r.active = true
                r.createdAt = now.addingTimeInterval(-Double(random.int(10...300)) * 86_400)
                resources.append(r)
            }
        }
        let upcoming = try await Activity.query(on: db).filter(\.$status == .published).filter(\.$village.$id == nil)
            .filter(\.$startsAt > now).filter(\.$kind ~~ [.lecture, .performance, .training]).sort(\.$startsAt).limit(4).all()
        let all = resources
        try await db.writeTransaction { tx in
            try await all.create(on: tx)
            for (i, activity) in upcoming.enumerated() {
                activity.storedMode = i == 0 ? .online : .hybrid
                activity.streamURL = "https://live.xinmi.example.cn/\(i + 1)"
                try await activity.update(on: tx)
            }
        }
    }
}
