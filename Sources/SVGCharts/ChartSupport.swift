/// What every chart shares: escaping, number formatting, the accessible SVG frame, and the
/// data table that goes with the picture (a screen-reader user or a printout gets the figures).
public struct DataTable: Sendable, Equatable {
    public let caption: String
    public let headers: [String]
    public let rows: [[String]]

    public init(caption: String, headers: [String], rows: [[String]]) {
        self.caption = caption
        self.headers = headers
        self.rows = rows
    }

    /// An HTML table; the first column names each row.
    public func html() -> String {
        var out = "<table class=\"chart-table\"><caption>\(SVG.escape(caption))</caption><thead><tr>"
        out += headers.map { "<th scope=\"col\">\(SVG.escape($0))</th>" }.joined() + "</tr></thead><tbody>"
        for row in rows {
            out += "<tr>" + row.enumerated().map { i, cell in
                i == 0 ? "<th scope=\"row\">\(SVG.escape(cell))</th>" : "<td>\(SVG.escape(cell))</td>"
            }.joined() + "</tr>"
        }
        return out + "</tbody></table>"
    }
}

enum SVG {
    static func open(id: String, width: Double, height: Double, title: String, summary: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" role=\"img\" viewBox=\"0 0 \(fmt(width)) \(fmt(height))\" aria-labelledby=\"\(id)-t \(id)-d\">"
            + "<title id=\"\(id)-t\">\(escape(title))</title><desc id=\"\(id)-d\">\(escape(summary))</desc>"
    }

    static func fmt(_ value: Double) -> String { HorizontalBarChart.fmt(value) }
    static func escape(_ text: String) -> String { HorizontalBarChart.escape(text) }

    /// Series colours by class (chart-s0 …), so print and high-contrast styles can override them.
    static func seriesClass(_ index: Int) -> String { "chart-s\(index % 6)" }
}

extension HorizontalBarChart {
    public func dataTable(labelHeader: String, valueHeader: String) -> DataTable {
        DataTable(caption: title, headers: [labelHeader, valueHeader], rows: bars.map { [$0.label, $0.valueText] })
    }
}
