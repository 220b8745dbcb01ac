import Foundation
import ZIPFoundation

/// A cell value with its type, so numbers stay numbers and dates stay dates in the spreadsheet.
public enum Cell: Equatable, Sendable {
    case text(String)
    case integer(Int)
    case number(Double)
    /// A share between 0 and 1, shown as a percentage with one decimal.
    case percent(Double)
    case bool(Bool)
    /// A calendar date (shown yyyy-mm-dd).
    case date(year: Int, month: Int, day: Int)
    /// A date and time of day (shown yyyy-mm-dd hh:mm), already in the reader's time zone.
    case dateTime(year: Int, month: Int, day: Int, hour: Int, minute: Int)
    case empty
}

public struct Sheet: Equatable, Sendable {
    public var name: String
    /// Column widths in characters; columns without one keep Excel's default.
    public var columnWidths: [Double]
    public var rows: [[Cell]]
    /// The first `headerRows` rows are bold on grey and stay visible when scrolling.
    public var headerRows: Int

    public init(name: String, columnWidths: [Double] = [], rows: [[Cell]], headerRows: Int = 1) {
        self.name = name
        self.columnWidths = columnWidths
        self.rows = rows
        self.headerRows = headerRows
    }
}

public enum XLSXError: Error, Equatable, CustomStringConvertible {
    case noSheets
    case invalidSheetName(String)
    case duplicateSheetName(String)

    public var description: String {
        switch self {
        case .noSheets: "A workbook needs at least one sheet."
        case .invalidSheetName(let n): "Sheet name \"\(n)\" is empty, longer than 31 characters, or contains one of : \\ / ? * [ ]."
        case .duplicateSheetName(let n): "Two sheets are named \"\(n)\" (names are compared ignoring case)."
        }
    }
}

/// An Office Open XML spreadsheet (.xlsx, ECMA-376) with several sheets, typed cells, a bold
/// header style, frozen header rows and column widths. Strings are written inline, so there
/// is no shared-string table to keep in step.
public struct Workbook: Equatable, Sendable {
    public var sheets: [Sheet]
    public var title: String

    public init(title: String = "", sheets: [Sheet]) {
        self.title = title
        self.sheets = sheets
    }

    public func validate() throws {
        guard !sheets.isEmpty else { throw XLSXError.noSheets }
        var seen = Set<String>()
        for sheet in sheets {
            let name = sheet.name
            guard !name.isEmpty, name.count <= 31, name.rangeOfCharacter(from: CharacterSet(charactersIn: ":\\/?*[]")) == nil,
                  !name.hasPrefix("'"), !name.hasSuffix("'") else { throw XLSXError.invalidSheetName(name) }
            guard seen.insert(name.lowercased()).inserted else { throw XLSXError.duplicateSheetName(name) }
        }
    }

    /// The .xlsx file. `created` goes into the document properties.
    public func data(created: Date = Date()) throws -> Data {
        try validate()
        let archive = try Archive(accessMode: .create)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", Parts.contentTypes(sheetCount: sheets.count)),
            ("_rels/.rels", Parts.rootRelationships),
            ("docProps/core.xml", Parts.coreProperties(title: title, created: created)),
            ("xl/workbook.xml", Parts.workbook(sheetNames: sheets.map(\.name))),
            ("xl/_rels/workbook.xml.rels", Parts.workbookRelationships(sheetCount: sheets.count)),
            ("xl/styles.xml", Parts.styles),
        ]
        for (i, sheet) in sheets.enumerated() { parts.append(("xl/worksheets/sheet\(i + 1).xml", SheetXML.render(sheet))) }
        for (path, xml) in parts {
            let bytes = Data(xml.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: created,
                                 compressionMethod: .deflate) { position, size in
                bytes.subdata(in: Int(position)..<min(Int(position) + size, bytes.count))
            }
        }
        return archive.data ?? Data()
    }
}
