import Foundation

/// The online questionnaire: one fieldset per question, radio buttons, checkboxes and a text box.
enum SurveyFormView {
    static func form(_ ctx: PageContext, survey: Survey, questions: [SurveyQuestion], values: [String: String], errors: [UUID: String],
                     problem: String?, signedIn: Bool) -> HNode {
        let errorItems = questions.filter { errors[$0.id!] != nil }
        var children: [HNode] = []
        if let problem {
            children.append(Forms.problem(problem))
        } else if !errorItems.isEmpty {
            children.append(H.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], [
                H.h2(ctx.t("还有 \(errorItems.count) 道题需要修改：", "\(errorItems.count) question(s) need attention:")),
                H.ul(errorItems.map { H.a("\($0.position). \($0.text(ctx.lang))：\(errors[$0.id!]!)", href: "#q-\($0.id!.uuidString.lowercased())") }),
            ]))
        }
        children.append(Forms.csrfField(ctx))
        for q in questions { children.append(fieldset(ctx, q, values: values, error: errors[q.id!])) }
        children.append(H.p(signedIn ? ctx.t("将以您的账号提交，每个账号只能填写一次。", "Submitted with your account; one answer per account.")
                                     : ctx.t("您未登录，将匿名提交（同一设备只能填写一次）。", "You are not signed in, so this is anonymous (one answer per device)."), cls: "hint"))
        children.append(H.el("button", [("type", "submit"), ("class", "button primary")], H.text(ctx.t("提交问卷", "Submit"))))
        return H.el("form", [("method", "post"), ("action", SiteURL.surveys(.show(.id(survey.id!))).path), ("class", "stack survey"), ("novalidate", "novalidate")], children)
    }

    static func fieldset(_ ctx: PageContext, _ q: SurveyQuestion, values: [String: String], error: String?) -> HNode {
        let key = "q-" + q.id!.uuidString.lowercased()
        let legend = "\(q.position). " + q.text(ctx.lang) + (q.required ? ctx.t("（必答）", " (required)") : ctx.t("（选答）", " (optional)"))
        let errorNode = error.map { H.el("p", [("class", "field-error"), ("id", key + "-error")], H.text($0)) } ?? H.empty
        var controls: [HNode] = []
        switch q.kind {
        case .single, .scale:
            let options: [(String, String)] = q.kind == .scale
                ? Score.range.reversed().map { (String($0), "\($0) " + ctx.t("分 · ", " – ") + Score.label($0, ctx.lang)) }
                : q.options.indices.map { (String($0 + 1), q.option($0 + 1, ctx.lang)) }
            controls = options.map { value, label in
                let id = "\(key)-\(value)"
                return H.el("div", [("class", "check")], [
                    H.void("input", [("type", "radio"), ("name", key), ("id", id), ("value", value), ("checked", values[key] == value ? "checked" : nil)]),
                    H.el("label", [("for", id)], H.text(label)),
                ])
            }
        case .multiple:
            controls = q.options.indices.map { i in
                let id = "\(key)-\(i + 1)"
                return H.el("div", [("class", "check")], [
                    H.void("input", [("type", "checkbox"), ("name", id), ("id", id), ("value", "1"), ("checked", FormCheck.flag(values[id]) ? "checked" : nil)]),
                    H.el("label", [("for", id)], H.text(q.option(i + 1, ctx.lang))),
                ])
            }
        case .text:
            controls = [H.el("textarea", [("name", key), ("id", key + "-text"), ("aria-label", q.text(ctx.lang)), ("maxlength", String(SurveyAnswers.maxText)), ("rows", "3")],
                             H.text(values[key] ?? ""))]
        }
        return H.el("fieldset", [("id", key), ("class", error == nil ? "question" : "question has-error"),
                                 ("aria-describedby", error == nil ? nil : key + "-error")], [H.el("legend", [], H.text(legend)), errorNode] + controls)
    }
}
