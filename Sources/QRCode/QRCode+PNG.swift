extension QRCode {
    /// A 1-bit greyscale PNG of the symbol with a quiet zone. The image data is stored in
    /// uncompressed deflate blocks: a check-in code is a few kilobytes either way, and it
    /// keeps this target free of a zlib dependency.
    public func png(moduleSize: Int = 8, quietZone: Int = 4) -> [UInt8] {
        let pixels = (size + 2 * quietZone) * moduleSize
        let rowBytes = (pixels + 7) / 8
        var raw: [UInt8] = []
        raw.reserveCapacity((rowBytes + 1) * pixels)
        for py in 0..<pixels {
            raw.append(0)  // filter type: none
            var row = [UInt8](repeating: 0, count: rowBytes)
            for px in 0..<pixels {
                let mx = px / moduleSize - quietZone, my = py / moduleSize - quietZone
                let dark = (0..<size).contains(mx) && (0..<size).contains(my) && modules[my][mx]
                if !dark { row[px >> 3] |= 0x80 >> UInt8(px & 7) }  // 1 = white in greyscale
            }
            raw += row
        }
        var header: [UInt8] = []
        header += PNGEncoding.bigEndian(UInt32(pixels))
        header += PNGEncoding.bigEndian(UInt32(pixels))
        header += [1, 0, 0, 0, 0]  // bit depth 1, greyscale, deflate, adaptive filter, no interlace
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
            + PNGEncoding.chunk("IHDR", header)
            + PNGEncoding.chunk("IDAT", PNGEncoding.zlibStored(raw))
            + PNGEncoding.chunk("IEND", [])
    }
}

enum PNGEncoding {
    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        return bigEndian(UInt32(data.count)) + typeBytes + data + bigEndian(crc32(typeBytes + data))
    }

    /// A zlib stream (RFC 1950) of stored deflate blocks (RFC 1951 §3.2.4).
    static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            let final: UInt8 = offset + length == data.count ? 1 : 0
            out.append(final)
            out += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<offset + length]
            offset += length
        } while offset < data.count
        return out + bigEndian(adler32(data))
    }

    static let crcTable: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data { crc = crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1, b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }
}
