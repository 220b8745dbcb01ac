import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads the first worksheet of an .xlsx file as rows of text, for imports (third-party survey
/// results). Shared strings, inline strings and numbers are read; formatting is ignored.
public enum XLSXReader {
    public enum ReadError: Error, Equatable { case notAWorkbook, noWorksheet }

    public static func rows(_ data: Data) throws -> [[String]] {
        guard let archive = try? Archive(data: data, accessMode: .read) else { throw ReadError.notAWorkbook }
        func file(_ path: String) throws -> Data? {
            guard let entry = archive[path] else { return nil }
            var out = Data()
            _ = try archive.extract(entry, skipCRC32: false) { out.append($0) }
            return out
        }
        let shared = try file("xl/sharedStrings.xml").map { SharedStrings.parse($0) } ?? []
        guard let sheet = try file("xl/worksheets/sheet1.xml") else { throw ReadError.noWorksheet }
        return SheetRows.parse(sheet, shared: shared)
    }

    /// "A" → 0, "AB" → 27: the column of a cell reference such as "AB12".
    static func column(_ reference: String) -> Int {
        reference.prefix { $0.isLetter }.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
    }
}

private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false

    static func parse(_ data: Data) -> [String] {
        let delegate = SharedStrings()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" { strings.append(current) }
    }
}

private final class SheetRows: NSObject, XMLParserDelegate {
    let shared: [String]
    var rows: [[String]] = []
    var row: [String] = []
    var column = 0
    var type = ""
    var value = ""
    var reading = false

    init(shared: [String]) { self.shared = shared }

    static func parse(_ data: Data, shared: [String]) -> [[String]] {
        let delegate = SheetRows(shared: shared)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.parse()
        return delegate.rows
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        switch name {
        case "row": row = []
        case "c":
            column = attributes["r"].map(XLSXReader.column) ?? row.count
            type = attributes["t"] ?? ""
            value = ""
        case "v", "t": reading = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if reading { value += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "v", "t": reading = false
        case "c":
            let text = type == "s" ? (Int(value).flatMap { $0 < shared.count ? shared[$0] : nil } ?? "") : value
            while row.count < column { row.append("") }
            if column >= 0 { row.append(text) }
        case "row": rows.append(row)
        default: break
        }
    }
}
