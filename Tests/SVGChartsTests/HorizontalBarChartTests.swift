import Testing
@testable import SVGCharts

@Suite struct HorizontalBarChartTests {
    @Test func drawsOneBarPerRowScaledAndClamped() {
        let chart = HorizontalBarChart(title: "覆盖率", summary: "各乡镇", bars: [
            .init(label: "城关镇", fraction: 0.5, valueText: "50%"),
            .init(label: "米村镇", fraction: 1.7, valueText: "170%", highlighted: true),
        ], target: 1, targetLabel: "目标")
        let svg = chart.svg(id: "c")
        #expect(svg.hasPrefix("<svg"))
        #expect(svg.contains("role=\"img\""))
        #expect(svg.contains("<title id=\"c-t\">覆盖率</title>"))
        #expect(svg.contains("width=\"180\" height=\"16\" class=\"chart-bar\""))
        #expect(svg.contains("width=\"360\" height=\"16\" class=\"chart-bar chart-bar-alert\""))
        #expect(svg.contains("class=\"chart-target\""))
    }

    @Test func escapesLabels() {
        let svg = HorizontalBarChart(title: "a<b", summary: "\"x\"", bars: [.init(label: "A&B", fraction: 0, valueText: "0")]).svg(id: "z")
        #expect(svg.contains("a&lt;b"))
        #expect(svg.contains("&quot;x&quot;"))
        #expect(svg.contains("A&amp;B"))
        #expect(!svg.contains("A&B<"))
    }
}
