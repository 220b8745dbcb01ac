import Foundation
import Testing
import Vapor
@testable import CultureHub

/// The inspection form has a result and a note field per checklist item; its typed input reads
/// them into one map per kind, and writes them back out under the same names.
@Suite struct InspectionInputTests {
    @Test func checklistFieldsDecodeFromTheFlatForm() throws {
        let body = "venue=V&inspectedOn=2026-11-16&unannounced=1&item_safety=fail&note_safety=%E7%81%AD%E7%81%AB%E5%99%A8"
            + "&item_hygiene=pass&_csrf=x"

        let input = try URLEncodedFormDecoder().decode(InspectionInput.self, from: body)

        #expect(input.venue == "V" && input.inspectedOn == "2026-11-16" && input.unannounced == "1")
        #expect(input.results == ["safety": "fail", "hygiene": "pass"])
        #expect(input.notes == ["safety": "灭火器"])
        #expect(input.formValues["note_safety"] == "灭火器" && input.formValues["_csrf"] == nil)
    }

    @Test func encodingWritesTheFormNamesBack() throws {
        let input = InspectionInput(venue: "V", inspector: "市局督查组", results: ["safety": "fail"], notes: ["safety": "灭火器过期"])

        let decoded = try URLEncodedFormDecoder().decode(InspectionInput.self, from: URLEncodedFormEncoder().encode(input))

        #expect(decoded == input)
    }
}
