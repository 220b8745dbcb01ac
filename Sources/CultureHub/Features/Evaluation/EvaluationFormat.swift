import Foundation
import KPIMetrics

/// How figures read on pages and in exports, in one place so a table and its XLSX agree.
enum EvaluationFormat {
    static func value(_ indicator: Indicator, _ value: Double?, _ lang: Lang) -> String {
        guard let value else { return lang.t("无数据", "No data") }
        switch indicator.kind {
        case .rate: return percentText(value)
        case .weeklyHours: return lang.t("\(number(value)) 小时/周", "\(number(value)) h/week")
        case .perThousand: return number(value)
        case .count: return indicator == .volunteerHours ? lang.t("\(number(value)) 小时", "\(number(value)) h") : String(Int(value.rounded()))
        }
    }

    static func target(_ indicator: Indicator, _ target: Double, _ lang: Lang) -> String {
        "≥ " + value(indicator, target, lang)
    }

    /// One decimal at most: 40, 37.5.
    static func number(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    static func points(_ x: Double?) -> String { x.map(Scoring.text) ?? "—" }

    /// What would close a gap, said the way a station head would say it. Without `day` (a period
    /// already over) it says how far the unit fell short instead.
    static func gap(_ gap: Gap, by day: String?, _ lang: Lang) -> String {
        let i = gap.indicator
        let by = day.map { lang.t("\(dayText($0, lang))前", "by \(dayText($0, lang)) ") } ?? ""
        let more = day == nil ? lang.t("还差", "short by") : lang.t("再", "")
        switch gap.action {
        case .more(let n):
            return i == .volunteerHours
                ? lang.t("\(by)\(more) \(n) 小时志愿服务", "\(by)\(n) more volunteer hours")
                : lang.t("\(by)\(more)开展 \(n) 场\(i.nounZh)", "\(by)\(n) more \(i.en.lowercased())")
        case .moreSuccesses(let n):
            let what: (String, String) = switch i {
            case .satisfaction: ("个“满意”或“非常满意”的评价", "satisfied ratings")
            case .reportingTimeliness: ("场活动按时上报", "activities reported on time")
            case .orderResponse: ("份点单按时受理", "orders answered on time")
            case .orderFulfilment: ("份点单兑现送达", "orders delivered")
            case .showUp: ("个报名名额到场签到", "registered places checked in")
            default: ("项", "more")
            }
            return lang.t("\(by)\(more)有 \(n) \(what.0)", "\(by)\(n) more \(what.1)")
        case .moreCovered(let n):
            let what: (String, String) = switch i {
            case .utilization: ("\(number(Double(n) / 60)) 小时场地使用", "\(number(Double(n) / 60)) more hours of space use")
            case .villageCoverage: ("\(n) 个村建成并开放文化服务中心", "\(n) more villages with an open centre")
            case .mobileCoverage: ("\(n) 个村送去流动服务", "\(n) more villages reached by mobile services")
            case .staffing: ("\(n) 名专职人员到岗", "\(n) more full-time staff in post")
            case .trainingCompliance: ("\(n) 名工作人员完成培训", "\(n) more staff trained")
            case .noticeCompliance: ("\(n) 个场馆发布免费开放公示", "\(n) more venues with a notice")
            case .participationRate: ("\(n) 位群众参加活动", "\(n) more residents taking part")
            default: ("\(n) 项", "\(n) more")
            }
            return lang.t("\(by)\(more)有 \(what.0)", "\(by)\(what.1)")
        case .moreWeeklyHours(let h):
            return lang.t("每周\(day == nil ? "开放时间还差" : "再延长开放") \(number(h)) 小时", "Open \(number(h)) more hours a week")
        case .moreParticipations(let n):
            return lang.t("\(by)\(more)增加 \(n) 人次参与", "\(by)\(n) more participations")
        case .cannotReach:
            return gap.value == nil ? lang.t("还没有数据，请先开展并记录相关工作", "No data yet: start and record this work")
                : lang.t("本期已无法达到目标，请查找原因并整改", "The target can no longer be reached this period; find out why")
        }
    }

    static func dayText(_ day: String, _ lang: Lang) -> String {
        let p = day.split(separator: "-").compactMap { Int($0) }
        guard p.count == 3 else { return day }
        return lang.t("\(p[1]) 月 \(p[2]) 日", day)
    }

    static func periodText(_ type: PeriodType, _ key: String, _ lang: Lang) -> String {
        let p = key.split(separator: "-")
        switch type {
        case .year: return lang.t("\(key) 年度", "Year \(key)")
        case .quarter: return lang.t("\(p[0]) 年第 \(p.count > 1 ? String(p[1].dropFirst()) : "") 季度", key)
        case .month: return lang.t("\(p[0]) 年 \(p.count > 1 ? String(Int(p[1]) ?? 0) : "") 月", key)
        }
    }
}
