import Foundation

/// Shares of a whole (e.g. answers by channel) as a ring with a legend.
public struct DonutChart: Sendable, Equatable {
    public struct Slice: Sendable, Equatable {
        public let label: String
        public let value: Double
        public init(label: String, value: Double) {
            self.label = label
            self.value = value
        }
    }

    public let title: String
    public let summary: String
    public let slices: [Slice]

    public init(title: String, summary: String, slices: [Slice]) {
        self.title = title
        self.summary = summary
        self.slices = slices
    }

    public var total: Double { slices.map { max(0, $0.value) }.reduce(0, +) }

    public func share(_ slice: Slice) -> Double { total > 0 ? max(0, slice.value) / total : 0 }

    public func svg(id: String) -> String {
        let radius = 70.0, cx = 90.0, cy = 90.0, stroke = 32.0
        let circumference = 2 * Double.pi * radius
        let height = max(180, 24 + Double(slices.count) * 22)
        var out = SVG.open(id: id, width: 420, height: height, title: title, summary: summary)
        out += "<circle cx=\"\(SVG.fmt(cx))\" cy=\"\(SVG.fmt(cy))\" r=\"\(SVG.fmt(radius))\" class=\"chart-track\" fill=\"none\" stroke-width=\"\(SVG.fmt(stroke))\"/>"
        var offset = 0.0
        for (i, slice) in slices.enumerated() where share(slice) > 0 {
            let length = share(slice) * circumference
            // Each slice is a dashed circle starting at 12 o'clock, clockwise.
            out += "<circle cx=\"\(SVG.fmt(cx))\" cy=\"\(SVG.fmt(cy))\" r=\"\(SVG.fmt(radius))\" fill=\"none\" class=\"\(SVG.seriesClass(i))\" stroke-width=\"\(SVG.fmt(stroke))\" "
            out += "stroke-dasharray=\"\(SVG.fmt(length)) \(SVG.fmt(circumference - length))\" stroke-dashoffset=\"\(SVG.fmt(-offset))\" transform=\"rotate(-90 \(SVG.fmt(cx)) \(SVG.fmt(cy)))\"/>"
            offset += length
        }
        for (i, slice) in slices.enumerated() {
            let y = 24 + Double(i) * 22
            out += "<rect x=\"200\" y=\"\(SVG.fmt(y - 11))\" width=\"14\" height=\"14\" class=\"\(SVG.seriesClass(i))-fill\"/>"
            out += "<text x=\"222\" y=\"\(SVG.fmt(y))\" class=\"chart-label\">\(SVG.escape(slice.label)) \(SVG.escape(Self.percent(share(slice))))</text>"
        }
        return out + "</svg>"
    }

    public func dataTable(labelHeader: String, valueHeader: String, shareHeader: String) -> DataTable {
        DataTable(caption: title, headers: [labelHeader, valueHeader, shareHeader],
                  rows: slices.map { [$0.label, SVG.fmt($0.value), Self.percent(share($0))] })
    }

    static func percent(_ x: Double) -> String { String(format: "%.1f%%", x * 100) }
}
