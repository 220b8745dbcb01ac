import Plot

/// Every page is a tree of Plot nodes. Plot escapes text but not attribute values,
/// so attributes go through `attr` here, which escapes them.
typealias HNode = Node<HTML.BodyContext>

enum H {
    static func escapeAttribute(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.count)
        for ch in value {
            switch ch {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// An element with attributes (nil values are left out) and children.
    static func el(_ name: String, _ attrs: [(String, String?)] = [], _ children: [HNode]) -> HNode {
        let attributeNodes: [HNode] = attrs.compactMap { key, value in
            guard let value else { return nil }
            return .attribute(named: key, value: escapeAttribute(value), ignoreIfValueIsEmpty: false)
        }
        return .element(named: name, nodes: attributeNodes + children)
    }

    static func el(_ name: String, _ attrs: [(String, String?)] = [], _ children: HNode...) -> HNode {
        el(name, attrs, children)
    }

    static func void(_ name: String, _ attrs: [(String, String?)]) -> HNode {
        let attributeNodes: [Attribute<HTML.BodyContext>] = attrs.compactMap { key, value in
            guard let value else { return nil }
            return Attribute(name: key, value: escapeAttribute(value), ignoreIfValueIsEmpty: false)
        }
        return .selfClosedElement(named: name, attributes: attributeNodes)
    }

    static func text(_ s: String) -> HNode { .text(s) }
    static func group(_ nodes: [HNode]) -> HNode { .group(nodes) }
    static func group(_ nodes: HNode...) -> HNode { .group(nodes) }
    static var empty: HNode { .group([]) }

    static func div(_ cls: String? = nil, _ children: HNode...) -> HNode { el("div", [("class", cls)], children) }
    static func div(_ cls: String?, _ children: [HNode]) -> HNode { el("div", [("class", cls)], children) }
    static func p(_ text: String, cls: String? = nil) -> HNode { el("p", [("class", cls)], .text(text)) }
    static func h1(_ text: String) -> HNode { el("h1", [("id", "page-title")], .text(text)) }
    static func h2(_ text: String, id: String? = nil) -> HNode { el("h2", [("id", id)], .text(text)) }
    static func h3(_ text: String) -> HNode { el("h3", [], .text(text)) }
    static func a(_ text: String, href: String, cls: String? = nil, current: Bool = false) -> HNode {
        el("a", [("href", href), ("class", cls), ("aria-current", current ? "page" : nil)], .text(text))
    }
    static func span(_ text: String, cls: String? = nil) -> HNode { el("span", [("class", cls)], .text(text)) }
    static func ul(_ items: [HNode], cls: String? = nil) -> HNode { el("ul", [("class", cls)], items.map { el("li", [], $0) }) }
    static func badge(_ text: String, tone: String = "neutral") -> HNode { span(text, cls: "badge badge-\(tone)") }

    static func section(labelledBy id: String, title: String, _ children: [HNode]) -> HNode {
        el("section", [("aria-labelledby", id)], [h2(title, id: id)] + children)
    }

    /// Key facts as a description list.
    static func facts(_ rows: [(String, HNode)]) -> HNode {
        el("dl", [("class", "facts")], rows.flatMap { [el("dt", [], .text($0.0)), el("dd", [], $0.1)] })
    }
}

extension Optional where Wrapped == String {
    var orDash: String { self.flatMap { $0.isEmpty ? nil : $0 } ?? "—" }
}
