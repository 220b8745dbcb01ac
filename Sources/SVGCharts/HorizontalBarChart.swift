/// A horizontal bar chart as a self-contained, accessible SVG string.
/// Pages put a data table beside it (DESIGN §3 rule 9); the SVG carries a title and
/// description for screen readers and draws values as text so it prints in black and white.
public struct HorizontalBarChart: Sendable, Equatable {
    public struct Bar: Sendable, Equatable {
        public let label: String
        /// 0…1 of the full width; values outside are clamped.
        public let fraction: Double
        public let valueText: String
        public let highlighted: Bool

        public init(label: String, fraction: Double, valueText: String, highlighted: Bool = false) {
            self.label = label
            self.fraction = fraction
            self.valueText = valueText
            self.highlighted = highlighted
        }
    }

    public let title: String
    public let summary: String
    public let bars: [Bar]
    /// A reference line, e.g. the 100 % target, as a fraction of the width.
    public let target: Double?
    public let targetLabel: String?

    public init(title: String, summary: String, bars: [Bar], target: Double? = nil, targetLabel: String? = nil) {
        self.title = title
        self.summary = summary
        self.bars = bars
        self.target = target
        self.targetLabel = targetLabel
    }

    static let labelWidth = 150.0
    static let plotWidth = 360.0
    static let valueWidth = 70.0
    static let rowHeight = 26.0
    static let barHeight = 16.0
    static let top = 24.0

    public func svg(id: String) -> String {
        let width = Self.labelWidth + Self.plotWidth + Self.valueWidth
        let height = Self.top + Double(bars.count) * Self.rowHeight + 8
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" "
        out += "viewBox=\"0 0 \(Self.fmt(width)) \(Self.fmt(height))\" aria-labelledby=\"\(id)-t \(id)-d\">"
        out += "<title id=\"\(id)-t\">\(Self.escape(title))</title><desc id=\"\(id)-d\">\(Self.escape(summary))</desc>"
        for (index, bar) in bars.enumerated() {
            let y = Self.top + Double(index) * Self.rowHeight
            let w = max(0, min(1, bar.fraction)) * Self.plotWidth
            out += "<text x=\"\(Self.fmt(Self.labelWidth - 8))\" y=\"\(Self.fmt(y + 12))\" text-anchor=\"end\" class=\"chart-label\">\(Self.escape(bar.label))</text>"
            out += "<rect x=\"\(Self.fmt(Self.labelWidth))\" y=\"\(Self.fmt(y))\" width=\"\(Self.fmt(Self.plotWidth))\" height=\"\(Self.fmt(Self.barHeight))\" class=\"chart-track\"/>"
            out += "<rect x=\"\(Self.fmt(Self.labelWidth))\" y=\"\(Self.fmt(y))\" width=\"\(Self.fmt(w))\" height=\"\(Self.fmt(Self.barHeight))\" class=\"\(bar.highlighted ? "chart-bar chart-bar-alert" : "chart-bar")\"/>"
            out += "<text x=\"\(Self.fmt(Self.labelWidth + Self.plotWidth + 6))\" y=\"\(Self.fmt(y + 12))\" class=\"chart-value\">\(Self.escape(bar.valueText))</text>"
        }
        if let target {
            let x = Self.labelWidth + max(0, min(1, target)) * Self.plotWidth
            out += "<line x1=\"\(Self.fmt(x))\" y1=\"\(Self.fmt(Self.top - 6))\" x2=\"\(Self.fmt(x))\" y2=\"\(Self.fmt(height - 4))\" class=\"chart-target\"/>"
            if let targetLabel {
                out += "<text x=\"\(Self.fmt(x))\" y=\"\(Self.fmt(Self.top - 10))\" text-anchor=\"end\" class=\"chart-label\">\(Self.escape(targetLabel))</text>"
            }
        }
        return out + "</svg>"
    }

    public static func fmt(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
