import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads the first worksheet of an .xlsx file as rows of text, for imports (third-party survey
/// results). Shared strings, inline strings and numbers are read; formatting is ignored.
///
/// Files come from the internet, so every size is bounded before it is trusted: an entry's
/// inflated bytes (a ZIP bomb), rows, columns, cells, and every index into the shared strings.
/// Anything past a bound is refused as `tooLarge`, anything malformed as `notAWorkbook`; the
/// reader never traps.
public enum XLSXReader {
    public enum ReadError: Error, Equatable { case notAWorkbook, noWorksheet, tooLarge }

    public struct Limits: Sendable {
        public var entryBytes = 32 << 20
        public var rows = 100_000
        public var columns = 1_024
        public var cells = 2_000_000
        public init() {}
    }

    public static func rows(_ data: Data, limits: Limits = Limits()) throws -> [[String]] {
        let archive: ZipEntries
        do {
            archive = try ZipEntries(data)
        } catch ZipEntries.Failure.tooLarge {
            throw ReadError.tooLarge
        } catch {
            throw ReadError.notAWorkbook
        }
        // FoundationXML traps on invalid UTF-8 inside an attribute (seen with a bit-flipped sheet),
        // so a part is handed to the parser only once it is known to be valid UTF-8.
        func xml(_ path: String) throws -> Data? {
            let part: Data?
            do { part = try archive.entry(path, maxBytes: limits.entryBytes) } catch ZipEntries.Failure.tooLarge {
                throw ReadError.tooLarge
            } catch {
                throw ReadError.notAWorkbook
            }
            guard let part else { return nil }
            guard String(validating: part, as: UTF8.self) != nil else { throw ReadError.notAWorkbook }
            return part
        }
        let shared = try xml("xl/sharedStrings.xml").map { try SharedStrings.parse($0, limits: limits) } ?? []
        guard let sheet = try xml("xl/worksheets/sheet1.xml") else { throw ReadError.noWorksheet }
        return try SheetRows.parse(sheet, shared: shared, limits: limits)
    }

    /// "A" → 0, "AB" → 27: the column of a cell reference such as "AB12"; nil when the letters
    /// are missing or name a column past Excel's last (XFD, 16,384), so no reference can overflow.
    static func column(_ reference: String) -> Int? {
        let letters = reference.prefix { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
        guard (1...3).contains(letters.count) else { return nil }
        let value = letters.uppercased().unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 }
        return value <= 16_384 ? value - 1 : nil
    }
}

private final class SharedStrings: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = ""
    var inText = false
    var limit = 0
    var overflow = false

    static func parse(_ data: Data, limits: XLSXReader.Limits) throws -> [String] {
        let delegate = SharedStrings()
        delegate.limit = limits.cells
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        if delegate.overflow { throw XLSXReader.ReadError.tooLarge }
        return delegate.strings
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "si" { current = "" }
        if name == "t" { inText = true }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { if inText { current += string } }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "t" { inText = false }
        if name == "si" {
            strings.append(current)
            if strings.count > limit { overflow = true; parser.abortParsing() }
        }
    }
}

private final class SheetRows: NSObject, XMLParserDelegate {
    let shared: [String]
    let limits: XLSXReader.Limits
    var rows: [[String]] = []
    var row: [String] = []
    var cells = 0
    var column = 0
    var type = ""
    var value = ""
    var reading = false
    var failure: XLSXReader.ReadError?

    init(shared: [String], limits: XLSXReader.Limits) { self.shared = shared; self.limits = limits }

    static func parse(_ data: Data, shared: [String], limits: XLSXReader.Limits) throws -> [[String]] {
        let delegate = SheetRows(shared: shared, limits: limits)
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        _ = parser.parse()
        if let failure = delegate.failure { throw failure }
        return delegate.rows
    }

    private func fail(_ error: XLSXReader.ReadError, _ parser: XMLParser) {
        if failure == nil { failure = error }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        switch name {
        case "row": row = []
        case "c":
            if let reference = attributes["r"] {
                guard let c = XLSXReader.column(reference) else { return fail(.tooLarge, parser) }
                column = c
            } else {
                column = row.count
            }
            guard column < limits.columns else { return fail(.tooLarge, parser) }
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
            let text = type == "s" ? (Int(value).flatMap { shared.indices.contains($0) ? shared[$0] : nil } ?? "") : value
            let padding = max(0, column - row.count)
            cells += padding + 1
            guard cells <= limits.cells else { return fail(.tooLarge, parser) }
            row.append(contentsOf: repeatElement("", count: padding))
            row.append(text)
        case "row":
            rows.append(row)
            guard rows.count <= limits.rows else { return fail(.tooLarge, parser) }
        default: break
        }
    }
}
