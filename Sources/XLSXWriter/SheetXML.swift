import Foundation

/// One worksheet part: columns, frozen header, and the cells with their types and styles.
enum SheetXML {
    static func render(_ sheet: Sheet) -> String {
        var xml = Parts.header + #"<worksheet xmlns="\#(Parts.mainNS)" xmlns:r="\#(Parts.relNS)">"#
        if sheet.headerRows > 0 && sheet.rows.count > sheet.headerRows {
            let top = "A\(sheet.headerRows + 1)"
            xml += #"<sheetViews><sheetView workbookViewId="0"><pane ySplit="\#(sheet.headerRows)" topLeftCell="\#(top)" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#
        }
        if !sheet.columnWidths.isEmpty {
            xml += "<cols>" + sheet.columnWidths.enumerated().map { i, w in
                #"<col min="\#(i + 1)" max="\#(i + 1)" width="\#(format(max(1, min(w, 255))))" customWidth="1"/>"#
            }.joined() + "</cols>"
        }
        xml += "<sheetData>"
        for (r, row) in sheet.rows.enumerated() {
            xml += #"<row r="\#(r + 1)">"#
            for (c, cell) in row.enumerated() {
                xml += render(cell, ref: columnName(c) + String(r + 1), header: r < sheet.headerRows)
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    static func render(_ cell: Cell, ref: String, header: Bool) -> String {
        let style = { (s: Parts.Style) in header ? Parts.Style.header.rawValue : s.rawValue }
        let s = { (st: Parts.Style) -> String in style(st) == 0 ? "" : #" s="\#(style(st))""# }
        switch cell {
        case .empty: return header ? #"<c r="\#(ref)" s="1"/>"# : ""
        case .text(let t): return #"<c r="\#(ref)"\#(s(.plain)) t="inlineStr"><is><t xml:space="preserve">\#(XML.escape(t))</t></is></c>"#
        case .integer(let n): return #"<c r="\#(ref)"\#(s(.plain))><v>\#(n)</v></c>"#
        case .number(let x): return x.isFinite ? #"<c r="\#(ref)"\#(s(.plain))><v>\#(format(x))</v></c>"# : ""
        case .percent(let x): return x.isFinite ? #"<c r="\#(ref)"\#(s(.percent))><v>\#(format(x))</v></c>"# : ""
        case .bool(let b): return #"<c r="\#(ref)"\#(s(.plain)) t="b"><v>\#(b ? 1 : 0)</v></c>"#
        case .date(let y, let m, let d):
            return #"<c r="\#(ref)"\#(s(.date))><v>\#(format(serial(y, m, d)))</v></c>"#
        case .dateTime(let y, let m, let d, let h, let min):
            return #"<c r="\#(ref)"\#(s(.dateTime))><v>\#(format(serial(y, m, d) + (Double(h) * 60 + Double(min)) / 1440))</v></c>"#
        }
    }

    /// Column 0 → A, 25 → Z, 26 → AA.
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let rem = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rem))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Excel's serial day number (1900 date system): days since 1899-12-30.
    static func serial(_ year: Int, _ month: Int, _ day: Int) -> Double {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let date = cal.date(from: DateComponents(year: year, month: month, day: day)) ?? Date(timeIntervalSince1970: 0)
        let epoch = cal.date(from: DateComponents(year: 1899, month: 12, day: 30))!
        return (date.timeIntervalSince(epoch) / 86_400).rounded()
    }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
