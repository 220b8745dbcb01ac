import Foundation
internal import CZlib

/// Reads named entries of a ZIP archive held in memory, with every offset and size checked
/// against the bytes that are really there. ZIPFoundation (0.9.20) is fine for the archives we
/// write, but on hostile input its in-memory reader traps on an offset past the end and its
/// inflater spins forever on a stream cut short, so uploads are read here instead.
struct ZipEntries {
    enum Failure: Error { case malformed, tooLarge }

    private let bytes: [UInt8]
    private var directory: [String: Record] = [:]

    private struct Record { let method: UInt16; let crc: UInt32; let compressed: Int; let size: Int; let localHeader: Int }

    init(_ data: Data) throws {
        bytes = [UInt8](data)
        let end = try Self.endOfDirectory(bytes)
        let count = Int(u16(end + 10)), size = Int(u32(end + 12)), start = Int(u32(end + 16))
        guard start + size <= end else { throw Failure.malformed }
        var at = start
        for _ in 0..<count {
            guard at + 46 <= start + size, u32(at) == 0x0201_4B50 else { throw Failure.malformed }
            let nameLength = Int(u16(at + 28)), extra = Int(u16(at + 30)), comment = Int(u16(at + 32))
            guard at + 46 + nameLength <= start + size else { throw Failure.malformed }
            let name = String(decoding: bytes[(at + 46)..<(at + 46 + nameLength)], as: UTF8.self)
            let record = Record(method: u16(at + 10), crc: u32(at + 16), compressed: Int(u32(at + 20)), size: Int(u32(at + 24)),
                                localHeader: Int(u32(at + 42)))
            // 0xFFFFFFFF marks ZIP64 sizes: no spreadsheet an import takes needs them.
            guard record.compressed != 0xFFFF_FFFF, record.size != 0xFFFF_FFFF else { throw Failure.tooLarge }
            directory[name] = record
            at += 46 + nameLength + extra + comment
        }
    }

    /// The entry's bytes, or nil when the archive has no such entry.
    func entry(_ name: String, maxBytes: Int) throws -> Data? {
        guard let r = directory[name] else { return nil }
        guard r.size <= maxBytes else { throw Failure.tooLarge }
        let header = r.localHeader
        guard header + 30 <= bytes.count, u32(header) == 0x0403_4B50 else { throw Failure.malformed }
        let start = header + 30 + Int(u16(header + 26)) + Int(u16(header + 28))
        guard start + r.compressed <= bytes.count else { throw Failure.malformed }
        let input = bytes[start..<(start + r.compressed)]
        let output: [UInt8]
        switch r.method {
        case 0: output = Array(input)
        case 8: output = try Self.inflate(input, expected: r.size, maxBytes: maxBytes)
        default: throw Failure.malformed
        }
        guard output.count == r.size, Self.crc(output) == r.crc else { throw Failure.malformed }
        return Data(output)
    }

    private static func endOfDirectory(_ bytes: [UInt8]) throws -> Int {
        guard bytes.count >= 22 else { throw Failure.malformed }
        let lowest = max(0, bytes.count - 22 - 65_535)
        var at = bytes.count - 22
        while at >= lowest {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 { return at }
            at -= 1
        }
        throw Failure.malformed
    }

    /// Raw deflate with the output bounded, and an end: input that stops before the stream does
    /// is an error, not a reason to wait for more.
    private static func inflate(_ input: ArraySlice<UInt8>, expected: Int, maxBytes: Int) throws -> [UInt8] {
        var stream = z_stream()
        let streamSize = Int32(MemoryLayout<z_stream>.size)
        guard inflateInit2_(&stream, -MAX_WBITS, ZLIB_VERSION, streamSize) == Z_OK else { throw Failure.malformed }
        defer { inflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: min(expected, maxBytes) + 1)
        var source = Array(input)
        let result: Int32 = source.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                stream.next_in = src.baseAddress
                stream.avail_in = UInt32(src.count)
                stream.next_out = dst.baseAddress
                stream.avail_out = UInt32(dst.count)
                return CZlib.inflate(&stream, Z_FINISH)
            }
        }
        // One call with all the input and room for one byte more than declared: anything but the
        // stream's end (a cut stream, bad data, or more output than the directory said) is refused.
        guard result == Z_STREAM_END else { throw stream.total_out > UInt(maxBytes) ? Failure.tooLarge : Failure.malformed }
        output.removeLast(output.count - Int(stream.total_out))
        return output
    }

    private static func crc(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    private func u16(_ at: Int) -> UInt16 { UInt16(bytes[at]) | UInt16(bytes[at + 1]) << 8 }
    private func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
}
