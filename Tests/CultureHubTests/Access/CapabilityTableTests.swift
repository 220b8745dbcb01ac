import Foundation
import Testing
@testable import CultureHub

/// The README's role table is the code's table (issue #19): a change to one without the other fails.
@Suite struct CapabilityTableTests {
    @Test func readmeShowsTheCodesTable() throws {
        let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../README.md").standardizedFileURL
        let text = try String(contentsOf: readme, encoding: .utf8)
        let begin = try #require(text.range(of: "<!-- capabilities:begin -->\n"))
        let end = try #require(text.range(of: "\n<!-- capabilities:end -->"))
        let shown = String(text[begin.upperBound..<end.lowerBound])
        #expect(shown == Capability.markdownTable(), "README role table; expected:\n\(Capability.markdownTable())")
    }

    @Test func readOnlyRolesChangeNoOperationalRecord() {
        let operational: Set<Capability> = [.editRegistry, .editRegions, .createVenues, .runEvents, .handleFeedback, .decideOrders]
        for role in [Role.evaluator, .thirdPartyEvaluator] {
            #expect(role.capabilities.isDisjoint(with: operational), "\(role) writes operational records")
        }
        #expect(Role.citizen.capabilities.isEmpty)
        #expect(Role.staffRoles.allSatisfy { $0.may(.read) })
    }
}
