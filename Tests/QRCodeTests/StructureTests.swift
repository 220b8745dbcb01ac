import Testing
@testable import QRCode

@Suite struct StructureTests {
    @Test func reedSolomonMatchesTheStandardsWorkedExample() {
        // ISO/IEC 18004 Annex I: "01234567", version 1-M.
        let data: [UInt8] = [0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11]

        let ecc = ReedSolomon.remainder(data[...], divisor: ReedSolomon.divisor(degree: 10))

        #expect(ecc == [0xA5, 0x24, 0xD4, 0xC1, 0xED, 0x36, 0xC7, 0x87, 0x2C, 0x55])
    }

    @Test func formatBitsMatchTheStandardsTable() {
        #expect(SymbolMatrix.formatBits(.medium, mask: 0) == 0b101010000010010)
        #expect(SymbolMatrix.formatBits(.low, mask: 0) == 0b111011111000100)
        #expect(SymbolMatrix.formatBits(.high, mask: 7) == 0b000100000111011)
        #expect(SymbolMatrix.formatBits(.medium, mask: 5) == 0b100000011001110)
    }

    @Test func versionBitsMatchTheStandardsTable() {
        #expect(SymbolMatrix.versionBits(7) == 0b000111110010010100)
        #expect(SymbolMatrix.versionBits(10) == 0b001010010011010011)
        #expect(SymbolMatrix.versionBits(40) == 0b101000110001101001)
    }

    @Test func capacitiesAtLevelMMatchTheStandardsTable() {
        // Table 7, byte mode, level M, versions 1–10.
        let expected = [14, 26, 42, 62, 84, 106, 122, 152, 180, 213]
        #expect((1...10).map { QRCode.capacity(version: $0, .medium) } == expected)
        #expect(QRCode.capacity(version: 40, .medium) == 2331)
    }

    @Test func alignmentPositionsMatchAnnexE() {
        #expect(VersionGeometry.alignmentPositions(1) == [])
        #expect(VersionGeometry.alignmentPositions(2) == [6, 18])
        #expect(VersionGeometry.alignmentPositions(7) == [6, 22, 38])
        #expect(VersionGeometry.alignmentPositions(32) == [6, 34, 60, 86, 112, 138])
        #expect(VersionGeometry.alignmentPositions(40) == [6, 30, 58, 86, 114, 142, 170])
    }

    @Test func finderPatternsAndTimingAreInPlace() throws {
        let code = try QRCode.encode("CultureHub")
        let finderRows: [[Bool]] = [
            [true, true, true, true, true, true, true, false],
            [true, false, false, false, false, false, true, false],
            [true, false, true, true, true, false, true, false],
        ]
        for (row, expected) in finderRows.enumerated() {
            #expect(Array(code.modules[row][0..<8]) == expected)
            #expect(Array(code.modules[row][(code.size - 8)...].reversed()) == expected)
        }
        for i in 8..<(code.size - 8) {
            #expect(code.modules[6][i] == (i % 2 == 0))
            #expect(code.modules[i][6] == (i % 2 == 0))
        }
        #expect(code.modules[code.size - 8][8], "the dark module")
    }

    @Test func formatInformationIsWrittenTwiceWithTheChosenMask() throws {
        let code = try QRCode.encode("https://culturehub.example/checkin/abc")
        let bits = SymbolMatrix.formatBits(.medium, mask: code.mask)
        let size = code.size
        var nearTopLeft = 0, split = 0
        // Bits 0–7 read down column 8 (skipping timing) and bits 8–14 leftwards along row 8.
        let firstCopy: [(Int, Int)] = [(8, 0), (8, 1), (8, 2), (8, 3), (8, 4), (8, 5), (8, 7), (8, 8), (7, 8), (5, 8), (4, 8), (3, 8), (2, 8), (1, 8), (0, 8)]
        for (i, (x, y)) in firstCopy.enumerated() where code.modules[y][x] { nearTopLeft |= 1 << i }
        for i in 0..<8 where code.modules[8][size - 1 - i] { split |= 1 << i }
        for i in 8..<15 where code.modules[size - 15 + i][8] { split |= 1 << i }
        #expect(nearTopLeft == bits)
        #expect(split == bits)
    }

    @Test func chosenVersionGrowsWithTheText() throws {
        #expect(try QRCode.encode(String(repeating: "a", count: 14)).version == 1)
        #expect(try QRCode.encode(String(repeating: "a", count: 15)).version == 2)
        #expect(try QRCode.encode(String(repeating: "汉", count: 70)).version == 10)  // 210 bytes after the UTF-8 ECI header
        #expect(throws: QRCode.EncodingError.tooLong(bytes: 15, capacity: 14)) {
            try QRCode.encode(String(repeating: "a", count: 15), versions: 1...1)
        }
    }

    @Test func chosenMaskHasTheLowestPenalty() throws {
        let text = "签到 check-in 2026"
        let chosen = try QRCode.encode(text)
        for mask in 0..<8 {
            let forced = try QRCode.encode(text, forceMask: mask)
            #expect(Masking.penalty(chosen.modules) <= Masking.penalty(forced.modules))
        }
    }

    @Test func penaltyRulesScoreKnownLines() {
        #expect(Masking.runPenalty([true, true, true, true, true]) == 3)
        #expect(Masking.runPenalty([false, false, false, false, false, false, false, true]) == 5)
        #expect(Masking.runPenalty([true, false, true, false]) == 0)
        let finderLike = [false, false, false, false, true, false, true, true, true, false, true]
        #expect(Masking.finderLikePenalty(finderLike) == 40)
        #expect(Masking.finderLikePenalty([true, false, true, false, true, false, true]) == 0)
    }

    @Test func pngHasAValidSignatureAndChecksums() throws {
        let png = try QRCode.encode("x").png(moduleSize: 2)
        #expect(Array(png[0..<8]) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(PNGEncoding.crc32(Array("IEND".utf8)) == 0xAE42_6082)
        #expect(PNGEncoding.adler32(Array("Wikipedia".utf8)) == 0x11E6_0398)
    }

    @Test func svgEscapesItsTitle() throws {
        let svg = try QRCode.encode("x").svg(title: "<签到> & co")
        #expect(svg.contains("<title>&lt;签到&gt; &amp; co</title>"))
        #expect(svg.hasPrefix("<svg"))
    }
}
