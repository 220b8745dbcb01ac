extension QRCode {
    /// An SVG drawing of the symbol with a quiet zone (four modules, §6.3.8) and one path
    /// for all dark modules, so it stays small and scales to any print size.
    public func svg(moduleSize: Int = 8, quietZone: Int = 4, title: String? = nil) -> String {
        let extent = (size + 2 * quietZone) * moduleSize
        var path = ""
        for y in 0..<size {
            var x = 0
            while x < size {
                guard modules[y][x] else { x += 1; continue }
                let start = x
                while x < size && modules[y][x] { x += 1 }
                path += "M\(start + quietZone) \(y + quietZone)h\(x - start)v1h-\(x - start)z"
            }
        }
        let units = size + 2 * quietZone
        let label = title.map { "<title>\(Self.escapeXML($0))</title>" } ?? ""
        return """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(extent)" height="\(extent)" viewBox="0 0 \(units) \(units)" role="img" shape-rendering="crispEdges">\
        \(label)<rect width="\(units)" height="\(units)" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
        """
    }

    static func escapeXML(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
