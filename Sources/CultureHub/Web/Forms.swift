import Plot

/// One form control with its label, hint and error, described as data so a page model
/// can be compared in tests and every form looks and behaves the same.
struct FormField: Equatable {
    struct Option: Equatable {
        let value: String
        let label: String
    }

    enum Kind: Equatable {
        case text, number, tel, password, date, time, textarea
        /// An image upload (JPEG, PNG or WebP); the form becomes multipart.
        case photo
        case select([Option])
        case checkboxes([Option])
        case checkbox
    }

    var name: String
    var label: String
    var kind: Kind = .text
    var value: String = ""
    var values: [String] = []
    var error: String? = nil
    var hint: String? = nil
    var required: Bool = false
    var maxLength: Int? = nil
    var autocomplete: String? = nil
    var inputmode: String? = nil
    /// Set through `Forms.form(idScope:)` when one page holds several forms with the same field
    /// names, so every label and error link still points at exactly one control.
    var idScope: String? = nil

    var domID: String {
        "f-" + (idScope.map { $0 + "-" } ?? "") + name.replacingOccurrences(of: "[", with: "-").replacingOccurrences(of: "]", with: "")
    }
}

enum Forms {
    /// One problem that is not about a single field (the activity is full, the survey has closed),
    /// announced and focused like a form's error summary.
    static func problem(_ message: String) -> HNode {
        H.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], H.p(message))
    }

    /// The hidden fields every post form carries: its CSRF token, and a fresh one-time token so a
    /// double submit of a create form answers with the first result (`OnceFormMiddleware`).
    static func csrfField(_ ctx: PageContext, once: Bool = true) -> HNode {
        H.group(
            H.void("input", [("type", "hidden"), ("name", CSRF.fieldName), ("value", ctx.csrfToken)]),
            once ? H.void("input", [("type", "hidden"), ("name", OnceFormMiddleware.fieldName), ("value", CSRF.randomToken())])
                : H.empty
        )
    }

    /// A whole form: an error summary first (focused by site.js), then the fields, then the button.
    static func form(_ ctx: PageContext, action: String, fields: [FormField], submit: String,
                     method: String = "post", extra: [HNode] = [], cls: String = "stack", idScope: String? = nil) -> HNode {
        let fields = idScope == nil ? fields : fields.map { field in
            var scoped = field
            scoped.idScope = idScope
            return scoped
        }
        let errors = fields.filter { $0.error != nil }
        var children: [HNode] = []
        if !errors.isEmpty {
            children.append(H.el("div", [("class", "error-summary"), ("role", "alert"), ("tabindex", "-1")], [
                H.h2(ctx.t("请修改以下 \(errors.count) 处后再提交：", "Please correct \(errors.count) field(s):")),
                H.ul(errors.map { H.a("\($0.label)：\($0.error!)", href: "#" + $0.domID) }),
            ]))
        }
        if method == "post" { children.append(csrfField(ctx)) }
        children += fields.map { field($0, ctx) }
        children += extra
        children.append(H.el("button", [("type", "submit"), ("class", "button primary")], H.text(submit)))
        let multipart = fields.contains { $0.kind == .photo }
        return H.el("form", [("method", method), ("action", action), ("enctype", multipart ? "multipart/form-data" : nil), ("class", cls), ("novalidate", "novalidate")], children)
    }

    static func field(_ f: FormField, _ ctx: PageContext) -> HNode {
        let hintID = f.hint != nil ? f.domID + "-hint" : nil
        let errorID = f.error != nil ? f.domID + "-error" : nil
        let describedBy = [hintID, errorID].compactMap { $0 }.joined(separator: " ")
        let common: [(String, String?)] = [
            ("id", f.domID), ("name", f.name),
            ("aria-describedby", describedBy.isEmpty ? nil : describedBy),
            ("aria-invalid", f.error != nil ? "true" : nil),
            ("required", f.required ? "required" : nil),
        ]
        let requiredMark = f.required ? H.span(ctx.t("（必填）", " (required)"), cls: "required") : H.empty
        let hint = f.hint.map { H.el("p", [("class", "hint"), ("id", hintID)], H.text($0)) } ?? H.empty
        let error = f.error.map { H.el("p", [("class", "field-error"), ("id", errorID)], H.text($0)) } ?? H.empty
        let cls = "field" + (f.error != nil ? " has-error" : "")

        switch f.kind {
        case .checkboxes(let options):
            return H.el("fieldset", [("class", cls), ("aria-describedby", describedBy.isEmpty ? nil : describedBy)], [
                H.el("legend", [], H.text(f.label)), hint, error,
                H.div("checkbox-grid", options.enumerated().map { index, option in
                    let id = f.domID + "-\(index)"
                    return H.div("check", [
                        H.void("input", [("type", "checkbox"), ("id", id), ("name", f.name + "[]"), ("value", option.value),
                                         ("checked", f.values.contains(option.value) ? "checked" : nil)]),
                        H.el("label", [("for", id)], H.text(option.label)),
                    ])
                }),
            ])
        case .checkbox:
            return H.div(cls + " check", [
                H.void("input", common + [("type", "checkbox"), ("value", "1"), ("checked", f.value == "1" ? "checked" : nil)]),
                H.el("label", [("for", f.domID)], H.text(f.label)), hint, error,
            ])
        default:
            break
        }

        let control: HNode
        switch f.kind {
        case .textarea:
            control = H.el("textarea", common + [("rows", "4"), ("maxlength", f.maxLength.map(String.init))], H.text(f.value))
        case .photo:
            control = H.void("input", common + [("type", "file"), ("accept", "image/jpeg,image/png,image/webp")])
        case .select(let options):
            control = H.el("select", common, options.map { option in
                H.el("option", [("value", option.value), ("selected", option.value == f.value ? "selected" : nil)], H.text(option.label))
            })
        default:
            let type: String = switch f.kind {
            case .number: "text"
            case .tel: "tel"
            case .password: "password"
            case .date: "date"
            case .time: "time"
            default: "text"
            }
            control = H.void("input", common + [
                ("type", type), ("value", f.kind == .password ? nil : f.value),
                ("maxlength", f.maxLength.map(String.init)), ("autocomplete", f.autocomplete),
                ("inputmode", f.kind == .number ? "numeric" : f.inputmode),
            ])
        }
        return H.div(cls, [H.el("label", [("for", f.domID)], [H.text(f.label), requiredMark]), hint, control, error])
    }

    /// A small POST button (delete, revoke, unlock) with its CSRF token.
    static func actionButton(_ ctx: PageContext, action: String, title: String, danger: Bool = false, confirm: String? = nil) -> HNode {
        H.el("form", [("method", "post"), ("action", action), ("class", "inline"), ("data-confirm", confirm)], [
            csrfField(ctx),
            H.el("button", [("type", "submit"), ("class", danger ? "button small danger" : "button small")], H.text(title)),
        ])
    }
}

extension Labeled where Self: CaseIterable & RawRepresentable, Self.RawValue == String {
    static func options(_ lang: Lang) -> [FormField.Option] {
        allCases.map { FormField.Option(value: $0.rawValue, label: $0.label(lang)) }
    }
}
