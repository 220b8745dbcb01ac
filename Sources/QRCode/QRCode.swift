/// A QR Code symbol (ISO/IEC 18004:2015), encoded in byte mode from UTF-8 text.
///
/// `modules[y][x]` is true for a dark module. The quiet zone is not part of the matrix;
/// the renderers add it.
public struct QRCode: Sendable, Equatable {
    public let version: Int
    public let errorCorrection: ErrorCorrection
    public let mask: Int
    public let modules: [[Bool]]

    public var size: Int { modules.count }

    public enum EncodingError: Error, Equatable {
        /// The text does not fit in the largest version allowed.
        case tooLong(bytes: Int, capacity: Int)
    }

    /// Encodes `text` as UTF-8 in byte mode, choosing the smallest version in `versions`
    /// that holds it and the mask with the lowest penalty (§7.8.3), unless `forceMask` is set.
    ///
    /// Text with any non-ASCII byte is preceded by ECI 000026 (UTF-8, §7.4.2): without it
    /// decoders guess the charset, and zbar reads short Chinese text as Shift JIS.
    public static func encode(
        _ text: String,
        errorCorrection: ErrorCorrection = .medium,
        versions: ClosedRange<Int> = 1...40,
        forceMask: Int? = nil
    ) throws -> QRCode {
        let bytes = Array(text.utf8)
        let utf8ECI = bytes.contains { $0 >= 0x80 }
        let versions = versions.clamped(to: VersionGeometry.range)
        guard let version = versions.first(where: { capacity(version: $0, errorCorrection, utf8ECI: utf8ECI) >= bytes.count }) else {
            throw EncodingError.tooLong(bytes: bytes.count, capacity: capacity(version: versions.upperBound, errorCorrection, utf8ECI: utf8ECI))
        }
        let codewords = DataEncoder.codewords(for: bytes, version: version, errorCorrection, utf8ECI: utf8ECI)
        let interleaved = Interleaver.addErrorCorrection(codewords, version: version, errorCorrection)
        var matrix = SymbolMatrix(version: version)
        matrix.drawFunctionPatterns()
        matrix.drawCodewords(interleaved)
        let chosen = forceMask ?? Masking.bestMask(for: matrix, errorCorrection)
        matrix.apply(mask: chosen)
        matrix.drawFormatBits(errorCorrection, mask: chosen)
        return QRCode(version: version, errorCorrection: errorCorrection, mask: chosen, modules: matrix.modules)
    }

    /// Bytes of text that fit in a version at a level, in byte mode.
    public static func capacity(version: Int, _ errorCorrection: ErrorCorrection, utf8ECI: Bool = false) -> Int {
        let dataBits = VersionGeometry.dataCodewords(version, errorCorrection) * 8
        return (dataBits - (utf8ECI ? DataEncoder.eciHeaderBits : 0) - 4 - VersionGeometry.byteCountBits(version)) / 8
    }
}

/// Mode indicator, count, payload, terminator and pad codewords (§7.4).
enum DataEncoder {
    /// ECI mode indicator plus a one-byte assignment number.
    static let eciHeaderBits = 12

    static func codewords(for bytes: [UInt8], version: Int, _ ecc: ErrorCorrection, utf8ECI: Bool) -> [UInt8] {
        var bits = BitBuffer()
        if utf8ECI {
            bits.append(0b0111, count: 4)
            bits.append(26, count: 8)
        }
        bits.append(0b0100, count: 4)
        bits.append(bytes.count, count: VersionGeometry.byteCountBits(version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        let capacityBits = VersionGeometry.dataCodewords(version, ecc) * 8
        bits.append(0, count: min(4, capacityBits - bits.count))
        bits.append(0, count: (8 - bits.count % 8) % 8)
        var pad = 0xEC
        while bits.count < capacityBits {
            bits.append(pad, count: 8)
            pad ^= 0xEC ^ 0x11
        }
        return bits.bytes
    }
}

struct BitBuffer {
    private(set) var bits: [Bool] = []
    var count: Int { bits.count }

    mutating func append(_ value: Int, count: Int) {
        for i in stride(from: count - 1, through: 0, by: -1) { bits.append((value >> i) & 1 == 1) }
    }

    var bytes: [UInt8] {
        stride(from: 0, to: bits.count, by: 8).map { start in
            bits[start..<start + 8].reduce(UInt8(0)) { ($0 << 1) | ($1 ? 1 : 0) }
        }
    }
}

/// Splits data into blocks, appends each block's error correction and interleaves (§7.6).
enum Interleaver {
    static func addErrorCorrection(_ data: [UInt8], version: Int, _ ecc: ErrorCorrection) -> [UInt8] {
        let blockCount = ecc.blockCount[version]
        let eccLength = ecc.eccCodewordsPerBlock[version]
        let rawCodewords = VersionGeometry.rawDataModules(version) / 8
        let shortBlocks = blockCount - rawCodewords % blockCount
        let shortBlockLength = rawCodewords / blockCount
        let divisor = ReedSolomon.divisor(degree: eccLength)

        var blocks: [[UInt8]] = []
        var offset = 0
        for index in 0..<blockCount {
            let length = shortBlockLength - eccLength + (index < shortBlocks ? 0 : 1)
            var block = Array(data[offset..<offset + length])
            offset += length
            let correction = ReedSolomon.remainder(block[...], divisor: divisor)
            if index < shortBlocks { block.append(0) }  // pads short blocks to the long length; the interleaving loop leaves this byte out
            blocks.append(block + correction)
        }

        var result: [UInt8] = []
        result.reserveCapacity(rawCodewords)
        for i in 0..<blocks[0].count {
            for (j, block) in blocks.enumerated() where i != shortBlockLength - eccLength || j >= shortBlocks {
                result.append(block[i])
            }
        }
        return result
    }
}
