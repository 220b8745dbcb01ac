/// Error-correction level (ISO/IEC 18004 §6.5.1): how much of the symbol may be damaged
/// and still decode. Check-in codes use `.medium` (about 15 %).
public enum ErrorCorrection: Int, Sendable, CaseIterable {
    case low = 0, medium, quartile, high

    /// The two format-information bits of §7.9.1 (not in the level's natural order).
    var formatBits: Int {
        switch self {
        case .low: 1
        case .medium: 0
        case .quartile: 3
        case .high: 2
        }
    }

    /// Error-correction codewords per block, by version (index 0 unused). Table 9 of the standard.
    var eccCodewordsPerBlock: [Int] {
        switch self {
        case .low: [-1, 7, 10, 15, 20, 26, 18, 20, 24, 30, 18, 20, 24, 26, 30, 22, 24, 28, 30, 28, 28, 28, 28, 30, 30, 26, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
        case .medium: [-1, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26, 26, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28, 28]
        case .quartile: [-1, 13, 22, 18, 26, 18, 24, 18, 22, 20, 24, 28, 26, 24, 20, 30, 24, 28, 28, 26, 30, 28, 30, 30, 30, 30, 28, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
        case .high: [-1, 17, 28, 22, 16, 22, 28, 26, 26, 24, 28, 24, 28, 22, 24, 24, 30, 28, 28, 26, 28, 30, 24, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30, 30]
        }
    }

    /// Number of error-correction blocks, by version (index 0 unused). Table 9 of the standard.
    var blockCount: [Int] {
        switch self {
        case .low: [-1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 4, 6, 6, 6, 6, 7, 8, 8, 9, 9, 10, 12, 12, 12, 13, 14, 15, 16, 17, 18, 19, 19, 20, 21, 22, 24, 25]
        case .medium: [-1, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16, 17, 17, 18, 20, 21, 23, 25, 26, 28, 29, 31, 33, 35, 37, 38, 40, 43, 45, 47, 49]
        case .quartile: [-1, 1, 1, 2, 2, 4, 4, 6, 6, 8, 8, 8, 10, 12, 16, 12, 17, 16, 18, 21, 20, 23, 23, 25, 27, 29, 34, 34, 35, 38, 40, 43, 45, 48, 51, 53, 56, 59, 62, 65, 68]
        case .high: [-1, 1, 1, 2, 4, 4, 4, 5, 6, 8, 8, 11, 11, 16, 16, 18, 16, 19, 21, 25, 25, 25, 34, 30, 32, 35, 37, 40, 42, 45, 48, 51, 54, 57, 60, 63, 66, 70, 74, 77, 81]
        }
    }
}

/// Sizes that follow from a version number alone (§6.4).
enum VersionGeometry {
    static let range = 1...40

    static func size(_ version: Int) -> Int { version * 4 + 17 }

    /// Modules left for data and error correction once every function pattern is placed,
    /// including the remainder bits.
    static func rawDataModules(_ version: Int) -> Int {
        var result = (16 * version + 128) * version + 64
        if version >= 2 {
            let alignments = version / 7 + 2
            result -= (25 * alignments - 10) * alignments - 55
            if version >= 7 { result -= 36 }
        }
        return result
    }

    static func dataCodewords(_ version: Int, _ ecc: ErrorCorrection) -> Int {
        rawDataModules(version) / 8 - ecc.eccCodewordsPerBlock[version] * ecc.blockCount[version]
    }

    /// Centre coordinates of the alignment patterns (Annex E), on both axes.
    static func alignmentPositions(_ version: Int) -> [Int] {
        guard version > 1 else { return [] }
        let count = version / 7 + 2
        let step = (version * 8 + count * 3 + 5) / (count * 4 - 4) * 2
        var result = [6]
        var position = size(version) - 7
        var tail: [Int] = []
        for _ in 1..<count {
            tail.insert(position, at: 0)
            position -= step
        }
        result += tail
        return result
    }

    /// Bits of the character-count indicator in byte mode (Table 3).
    static func byteCountBits(_ version: Int) -> Int { version <= 9 ? 8 : 16 }
}
