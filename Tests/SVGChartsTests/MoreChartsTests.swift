import Testing
@testable import SVGCharts

@Suite struct MoreChartsTests {
    @Test func donutSlicesAddUpToTheRingAndTheTableHasShares() {
        let chart = DonutChart(title: "答卷来源", summary: "各渠道份数", slices: [.init(label: "线上", value: 3), .init(label: "纸质", value: 1), .init(label: "第三方", value: 0)])
        let svg = chart.svg(id: "d")
        let circumference = 2 * Double.pi * 70
        #expect(svg.contains("<title id=\"d-t\">答卷来源</title>") && svg.contains("aria-labelledby=\"d-t d-d\""))
        #expect(svg.contains("stroke-dasharray=\"\(HorizontalBarChart.fmt(circumference * 0.75)) "))
        #expect(svg.contains("线上 75.0%") && svg.contains("第三方 0.0%"))
        #expect(chart.dataTable(labelHeader: "渠道", valueHeader: "份数", shareHeader: "占比").rows == [["线上", "3", "75.0%"], ["纸质", "1", "25.0%"], ["第三方", "0", "0.0%"]])
        #expect(DonutChart(title: "空", summary: "", slices: []).svg(id: "e").hasSuffix("</svg>"))
    }

    @Test func groupedBarsScaleToTheLargestValue() {
        let chart = GroupedBarChart(title: "各选项", summary: "按渠道", groups: ["满意", "一般"], series: ["线上", "纸质"], values: [[10, 5], [0, 2]])
        let svg = chart.svg(id: "g")
        #expect(svg.contains("height=\"160\" class=\"chart-s0-fill\""))
        #expect(svg.contains("height=\"80\" class=\"chart-s1-fill\""))
        #expect(chart.dataTable(groupHeader: "选项").rows == [["满意", "10", "5"], ["一般", "0", "2"]])
        #expect(chart.dataTable(groupHeader: "选项").html().contains("<th scope=\"row\">满意</th><td>10</td><td>5</td>"))
    }

    @Test func lineBreaksAtMissingPointsAndEscapes() {
        let chart = LineChart(title: "满意率 <月>", summary: "", labels: ["1月", "2月", "3月", "4月"],
                              series: [.init(name: "全市", values: [0.8, nil, 0.9, 1.0])], maximum: 1, format: { "\(Int($0 * 100))%" })
        let svg = chart.svg(id: "l")
        #expect(svg.contains("满意率 &lt;月&gt;"))
        #expect(svg.components(separatedBy: "<polyline").count == 2) // one segment of two points; the lone first point is a dot
        #expect(svg.components(separatedBy: "<circle").count == 4)
        #expect(chart.dataTable(labelHeader: "月份").rows == [["1月", "80%"], ["2月", "—"], ["3月", "90%"], ["4月", "100%"]])
    }
}
