/// Vertical bars in groups (e.g. each answer option, one bar per channel), with a legend.
public struct GroupedBarChart: Sendable, Equatable {
    public let title: String
    public let summary: String
    public let groups: [String]
    public let series: [String]
    /// values[group][series]
    public let values: [[Double]]

    public init(title: String, summary: String, groups: [String], series: [String], values: [[Double]]) {
        self.title = title
        self.summary = summary
        self.groups = groups
        self.series = series
        self.values = values
    }

    public var maximum: Double { values.flatMap { $0 }.max().map { max($0, 0) } ?? 0 }

    func value(_ g: Int, _ s: Int) -> Double { g < values.count && s < values[g].count ? max(0, values[g][s]) : 0 }

    public func svg(id: String) -> String {
        let plotTop = 20.0 + Double(series.count) * 18, plotHeight = 160.0, left = 40.0
        let barWidth = 18.0, gap = 18.0
        let groupWidth = Double(max(series.count, 1)) * barWidth + gap
        let width = left + Double(groups.count) * groupWidth + 10
        let height = plotTop + plotHeight + 40
        let top = maximum > 0 ? maximum : 1
        var out = SVG.open(id: id, width: max(width, 300), height: height, title: title, summary: summary)
        for (s, name) in series.enumerated() {
            let y = 14 + Double(s) * 18
            out += "<rect x=\"\(SVG.fmt(left))\" y=\"\(SVG.fmt(y - 10))\" width=\"12\" height=\"12\" class=\"\(SVG.seriesClass(s))-fill\"/>"
            out += "<text x=\"\(SVG.fmt(left + 18))\" y=\"\(SVG.fmt(y))\" class=\"chart-label\">\(SVG.escape(name))</text>"
        }
        let baseline = plotTop + plotHeight
        out += "<line x1=\"\(SVG.fmt(left))\" y1=\"\(SVG.fmt(baseline))\" x2=\"\(SVG.fmt(max(width, 300) - 10))\" y2=\"\(SVG.fmt(baseline))\" class=\"chart-axis\"/>"
        out += "<text x=\"\(SVG.fmt(left - 4))\" y=\"\(SVG.fmt(plotTop + 4))\" text-anchor=\"end\" class=\"chart-label\">\(SVG.fmt(top))</text>"
        for (g, group) in groups.enumerated() {
            let x0 = left + gap / 2 + Double(g) * groupWidth
            for s in series.indices {
                let h = value(g, s) / top * plotHeight
                out += "<rect x=\"\(SVG.fmt(x0 + Double(s) * barWidth))\" y=\"\(SVG.fmt(baseline - h))\" width=\"\(SVG.fmt(barWidth - 2))\" height=\"\(SVG.fmt(h))\" class=\"\(SVG.seriesClass(s))-fill\"/>"
            }
            out += "<text x=\"\(SVG.fmt(x0 + Double(series.count) * barWidth / 2))\" y=\"\(SVG.fmt(baseline + 16))\" text-anchor=\"middle\" class=\"chart-label\">\(SVG.escape(group))</text>"
        }
        return out + "</svg>"
    }

    public func dataTable(groupHeader: String) -> DataTable {
        DataTable(caption: title, headers: [groupHeader] + series,
                  rows: groups.indices.map { g in [groups[g]] + series.indices.map { SVG.fmt(value(g, $0)) } })
    }
}
