import Foundation

/// A team's year on its staff page: activities, guidance and space use (R6.2 annual record).
enum FolkTeamYearView {
    static func section(_ ctx: PageContext, team: FolkTeam, record: FolkTeamYear, thisYear: Int, time: DisplayTime) -> HNode {
        let year = record.year
        return H.section(labelledBy: "year", title: ctx.t("\(year) 年度记录", "The year \(year)"), [
            H.el("p", [("class", "filters")], (max(2000, thisYear - 3)...thisYear).reversed().map {
                H.a(String($0), href: SiteURL.teams(.staffShow(.id(team.id!))).with([("year", String($0))]), cls: "button small", current: $0 == year)
            }),
            H.facts([
                (ctx.t("参加活动", "Activities"), H.text(ctx.t("\(record.activities.count) 场", "\(record.activities.count)"))),
                (ctx.t("接受辅导", "Guidance"), H.text(ctx.t("\(record.guidance.count) 次，共 \(VolunteerRecord.hours(record.guidanceMinutes)) 小时", "\(record.guidance.count) sessions, \(VolunteerRecord.hours(record.guidanceMinutes)) h"))),
                (ctx.t("使用场地", "Space use"), H.text(ctx.t("\(record.bookings.count) 次，共 \(VolunteerRecord.hours(record.bookedMinutes)) 小时", "\(record.bookings.count) bookings, \(VolunteerRecord.hours(record.bookedMinutes)) h"))),
            ]),
            record.activities.isEmpty ? H.empty : Tables.table(caption: ctx.t("参加的活动", "Activities"), headers: [ctx.t("活动", "Activity"), ctx.t("时间", "When"), ctx.t("角色", "Part")],
                rows: record.activities.map { [H.a($0.activity.title, href: SiteURL.activities(.show(.id($0.activity.id!))).path), H.text(time.span($0.activity.startsAt, $0.activity.endsAt)), H.text($0.role)] }),
            record.guidance.isEmpty ? H.empty : Tables.table(caption: ctx.t("业务辅导", "Guidance"), headers: [ctx.t("日期", "Day"), ctx.t("内容", "Topic"), ctx.t("时长（小时）", "Hours"), ctx.t("辅导人", "Guide")],
                rows: record.guidance.map { [H.text($0.day), H.text($0.topic + ($0.notes.isEmpty ? "" : "：" + $0.notes)), H.text(VolunteerRecord.hours($0.minutes)), H.text($0.guideName)] }),
            record.bookings.isEmpty ? H.empty : Tables.table(caption: ctx.t("场地使用", "Space use"), headers: [ctx.t("场地", "Space"), ctx.t("时间", "When"), ctx.t("收费", "Rate")],
                rows: record.bookings.map { [H.text($0.space.name), H.text(time.span($0.startsAt, $0.endsAt)), H.text($0.rate.label(ctx.lang))] }),
        ])
    }
}
