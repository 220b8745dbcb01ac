/// One or more series over ordered points (e.g. satisfaction by month); gaps (nil) break the line.
public struct LineChart: Sendable, Equatable {
    public struct Series: Sendable, Equatable {
        public let name: String
        public let values: [Double?]
        public init(name: String, values: [Double?]) {
            self.name = name
            self.values = values
        }
    }

    public let title: String
    public let summary: String
    public let labels: [String]
    public let series: [Series]
    /// The value at the top of the plot (e.g. 1 for rates); nil scales to the largest value.
    public let maximum: Double?
    public let format: @Sendable (Double) -> String

    public init(title: String, summary: String, labels: [String], series: [Series], maximum: Double? = nil,
                format: @escaping @Sendable (Double) -> String = { HorizontalBarChart.fmt($0) }) {
        self.title = title
        self.summary = summary
        self.labels = labels
        self.series = series
        self.maximum = maximum
        self.format = format
    }

    public static func == (a: LineChart, b: LineChart) -> Bool {
        a.title == b.title && a.summary == b.summary && a.labels == b.labels && a.series == b.series && a.maximum == b.maximum
    }

    public func svg(id: String) -> String {
        let left = 48.0, plotTop = 20.0 + Double(series.count) * 18, plotHeight = 160.0, step = 40.0
        let width = max(300, left + Double(max(labels.count - 1, 1)) * step + 30)
        let baseline = plotTop + plotHeight
        let top = maximum ?? max(series.flatMap { $0.values.compactMap { $0 } }.max() ?? 1, 1e-9)
        var out = SVG.open(id: id, width: width, height: baseline + 30, title: title, summary: summary)
        for (s, item) in series.enumerated() {
            let y = 14 + Double(s) * 18
            out += "<rect x=\"\(SVG.fmt(left))\" y=\"\(SVG.fmt(y - 10))\" width=\"12\" height=\"12\" class=\"\(SVG.seriesClass(s))-fill\"/>"
            out += "<text x=\"\(SVG.fmt(left + 18))\" y=\"\(SVG.fmt(y))\" class=\"chart-label\">\(SVG.escape(item.name))</text>"
        }
        out += "<line x1=\"\(SVG.fmt(left))\" y1=\"\(SVG.fmt(baseline))\" x2=\"\(SVG.fmt(width - 10))\" y2=\"\(SVG.fmt(baseline))\" class=\"chart-axis\"/>"
        out += "<text x=\"\(SVG.fmt(left - 4))\" y=\"\(SVG.fmt(plotTop + 4))\" text-anchor=\"end\" class=\"chart-label\">\(SVG.escape(format(top)))</text>"
        for (i, label) in labels.enumerated() {
            out += "<text x=\"\(SVG.fmt(left + Double(i) * step))\" y=\"\(SVG.fmt(baseline + 16))\" text-anchor=\"middle\" class=\"chart-label\">\(SVG.escape(label))</text>"
        }
        for (s, item) in series.enumerated() {
            var segments: [[(Double, Double)]] = [[]]
            for (i, value) in item.values.enumerated() {
                guard let value else { segments.append([]); continue }
                segments[segments.count - 1].append((left + Double(i) * step, baseline - min(max(value, 0) / top, 1) * plotHeight))
            }
            for segment in segments where !segment.isEmpty {
                if segment.count > 1 {
                    out += "<polyline fill=\"none\" class=\"\(SVG.seriesClass(s))\" stroke-width=\"2\" points=\"" + segment.map { "\(SVG.fmt($0.0)),\(SVG.fmt($0.1))" }.joined(separator: " ") + "\"/>"
                }
                for point in segment { out += "<circle cx=\"\(SVG.fmt(point.0))\" cy=\"\(SVG.fmt(point.1))\" r=\"3\" class=\"\(SVG.seriesClass(s))-fill\"/>" }
            }
        }
        return out + "</svg>"
    }

    public func dataTable(labelHeader: String, missing: String = "—") -> DataTable {
        DataTable(caption: title, headers: [labelHeader] + series.map(\.name),
                  rows: labels.indices.map { i in [labels[i]] + series.map { i < $0.values.count ? $0.values[i].map(format) ?? missing : missing } })
    }
}
