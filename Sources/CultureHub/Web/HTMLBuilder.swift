import Plot

/// Every page is a tree of Plot nodes, built through `H`. Plot does not escape attribute
/// values, and its text escaping builds a string per character (the largest cost of a page
/// in the benchmark), so `H` escapes both itself and hands Plot finished markup.
typealias HNode = Node<HTML.BodyContext>

enum H {
    /// Escapes `& < > " '`, for text and attribute values alike; most strings have none and are returned as they are.
    static func escape(_ value: String) -> String {
        let utf8 = value.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else { return value }
        var out = [UInt8]()
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: out += Array("&amp;".utf8)
            case 0x3C: out += Array("&lt;".utf8)
            case 0x3E: out += Array("&gt;".utf8)
            case 0x22: out += Array("&quot;".utf8)
            case 0x27: out += Array("&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func escapeAttribute(_ value: String) -> String { escape(value) }

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

    static func text(_ s: String) -> HNode { .raw(escape(s)) }
    static func group(_ nodes: [HNode]) -> HNode { .group(nodes) }
    static func group(_ nodes: HNode...) -> HNode { .group(nodes) }
    static var empty: HNode { .group([]) }

    static func div(_ cls: String? = nil, _ children: HNode...) -> HNode { el("div", [("class", cls)], children) }
    static func div(_ cls: String?, _ children: [HNode]) -> HNode { el("div", [("class", cls)], children) }
    static func p(_ text: String, cls: String? = nil) -> HNode { el("p", [("class", cls)], H.text(text)) }
    static func h1(_ text: String) -> HNode { el("h1", [("id", "page-title")], H.text(text)) }
    static func h2(_ text: String, id: String? = nil) -> HNode { el("h2", [("id", id)], H.text(text)) }
    static func h3(_ text: String) -> HNode { el("h3", [], H.text(text)) }
    static func a(_ text: String, href: String, cls: String? = nil, current: Bool = false) -> HNode {
        el("a", [("href", href), ("class", cls), ("aria-current", current ? "page" : nil)], H.text(text))
    }
    static func span(_ text: String, cls: String? = nil) -> HNode { el("span", [("class", cls)], H.text(text)) }
    static func ul(_ items: [HNode], cls: String? = nil) -> HNode { el("ul", [("class", cls)], items.map { el("li", [], $0) }) }
    static func badge(_ text: String, tone: String = "neutral") -> HNode { span(text, cls: "badge badge-\(tone)") }

    static func section(labelledBy id: String, title: String, _ children: [HNode]) -> HNode {
        el("section", [("aria-labelledby", id)], [h2(title, id: id)] + children)
    }

    /// Key facts as a description list.
    static func facts(_ rows: [(String, HNode)]) -> HNode {
        el("dl", [("class", "facts")], rows.flatMap { [el("dt", [], H.text($0.0)), el("dd", [], $0.1)] })
    }
}

extension Optional where Wrapped == String {
    var orDash: String { self.flatMap { $0.isEmpty ? nil : $0 } ?? "—" }
}
