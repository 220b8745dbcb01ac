import Fluent
import Foundation
import KPIMetrics

/// The "评价" section of an activity or venue page: average, distribution, latest comments and,
/// for whoever may rate, the form. The same block serves both pages.
enum RatingPanel {
    struct Comment: Equatable {
        let author: String
        let score: Int
        let text: String
        let hiddenReason: String?
        let date: String
    }

    struct Model: Equatable {
        var summary: ScoreHistogram
        var recent: [Comment]
        var standing: RatingDesk.Standing
        var formAction: String
        var allURL: String
        var signInURL: String
        var scoreInput: String = ""
        var commentInput: String = ""
        var errors: FieldErrors = [:]
        var problem: String? = nil
        var editUntil: String? = nil
    }

    static func load(_ target: RatingTarget, venueID: UUID? = nil, account: Account?, formAction: String, allURL: String, signInURL: String,
                     now: Date, time: DisplayTime, on db: any Database) async throws -> Model {
        let summary = if let venueID { try await RatingSummary.ofVenue(venueID, on: db) } else { try await RatingSummary.of(target, on: db) }
        let recentQuery = Rating.query(on: db).with(\.$account).sort(\.$createdAt, .descending).limit(5).filter(\.$comment != "")
        if let venueID { recentQuery.filter(\.$venue.$id == venueID) } else { recentQuery.filter(\.$targetKey == target.key) }
        let recent = try await recentQuery.all().map { comment($0, time: time) }
        let standing = try await RatingDesk.standing(target, account: account, now: now, on: db)
        var model = Model(summary: summary.histogram, recent: recent, standing: standing, formAction: formAction, allURL: allURL, signInURL: signInURL)
        if let account, let mine = try await RatingDesk.existing(target, account: account, on: db) {
            model.scoreInput = String(mine.score)
            model.commentInput = mine.comment
            if case .mayEdit(let until) = standing { model.editUntil = time.dateTime(until) }
        }
        return model
    }

    static func comment(_ r: Rating, time: DisplayTime) -> Comment {
        Comment(author: PersonalData.name(r.account.displayName), score: r.score, text: r.comment, hiddenReason: r.hiddenReason,
                date: DisplayTime.day(r.createdAt, in: time.timeZone))
    }

    static func render(_ ctx: PageContext, _ m: Model, heading: String) -> HNode {
        H.section(labelledBy: "ratings", title: heading, [
            summary(ctx, m.summary),
            m.recent.isEmpty ? H.empty : H.el("ul", [("class", "comments")], m.recent.map { commentItem(ctx, $0) }),
            m.summary.valid > 0 ? H.a(ctx.t("查看全部评价", "All ratings"), href: m.allURL) : H.empty,
            form(ctx, m),
        ])
    }

    static func summary(_ ctx: PageContext, _ h: ScoreHistogram) -> HNode {
        guard let average = h.average else {
            return H.p(ctx.t("还没有人评价。", "No ratings yet."), cls: "hint")
        }
        let rows: [[HNode]] = Score.range.reversed().map { s in
            let n = h.counts[s - 1]
            let pct = Int((Double(n) / Double(h.valid) * 100).rounded())
            return [H.text("\(s) " + ctx.t("分", "") + " · " + Score.label(s, ctx.lang)),
                    H.el("span", [("class", "meter"), ("aria-hidden", "true")], H.el("span", [("class", "meter-fill w\(pct / 5 * 5)")], [])),
                    H.text(ctx.t("\(n) 人", "\(n)"))]
        }
        return H.group(
            H.p(ctx.t("平均 \(String(format: "%.1f", average)) 分（满分 5 分），共 \(h.valid) 人评价；满意率 \(percentText(h.rate))。",
                      "Average \(String(format: "%.1f", average)) out of 5 from \(h.valid) rating(s); \(percentText(h.rate)) satisfied."), cls: "rating-average"),
            Tables.table(caption: ctx.t("评分分布", "How people rated"), headers: [ctx.t("评分", "Score"), ctx.t("占比", "Share"), ctx.t("人数", "People")], rows: rows))
    }

    static func commentItem(_ ctx: PageContext, _ c: Comment, extra: HNode = H.empty) -> HNode {
        H.el("li", [], [
            H.el("p", [("class", "comment-meta")], H.text("\(c.author) · \(c.score) " + ctx.t("分", "/5") + " · \(c.date)")),
            c.hiddenReason.map { H.p(ctx.t("该评论已被管理员隐藏（原因：\($0)），评分仍然计入。", "This comment was hidden by staff (reason: \($0)); the score still counts."), cls: "hint") }
                ?? H.p(c.text),
            extra,
        ])
    }

    static func form(_ ctx: PageContext, _ m: Model) -> HNode {
        let problem = m.problem.map { Forms.problem($0) } ?? H.empty
        switch m.standing {
        case .notAllowed(let zh, let en):
            if ctx.user == nil {
                return H.group(problem, H.p(ctx.t(zh, en)), H.a(ctx.t("登录后评价", "Sign in to rate"), href: m.signInURL, cls: "button"))
            }
            return H.group(problem, H.p(ctx.t(zh, en), cls: "hint"))
        case .rated:
            return H.group(problem, H.p(ctx.t("您的评价：\(m.scoreInput) 分。评价提交 7 天后不能再修改。", "Your rating: \(m.scoreInput)/5. Ratings can be changed for 7 days only."), cls: "hint"))
        case .mayRate, .mayEdit:
            let fields = [
                FormField(name: "score", label: ctx.t("您的评分", "Your score"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))] + Score.options(ctx.lang)),
                          value: m.scoreInput, error: m.errors["score"], required: true),
                FormField(name: "comment", label: ctx.t("评价内容（选填）", "Comment (optional)"), kind: .textarea, value: m.commentInput,
                          error: m.errors["comment"], hint: ctx.t("最多 \(RatingDesk.maxComment) 字。请文明留言，评价会公开显示（姓名只显示姓）。",
                                                               "Up to \(RatingDesk.maxComment) characters. Shown publicly with your family name only."),
                          maxLength: RatingDesk.maxComment),
            ]
            let note = m.editUntil.map { H.p(ctx.t("您已评价过，可在 \($0) 之前修改。", "You have rated this; you can change it until \($0)."), cls: "hint") } ?? H.empty
            return H.group(problem, note, Forms.form(ctx, action: m.formAction, fields: fields,
                                                    submit: m.editUntil == nil ? ctx.t("提交评价", "Submit rating") : ctx.t("修改评价", "Update rating")))
        }
    }
}
