/// Data masks and the penalty rules used to choose one (§7.8).
enum Masking {
    /// Whether mask pattern `mask` inverts the module at column x, row y (Table 10).
    static func inverts(_ mask: Int, x: Int, y: Int) -> Bool {
        switch mask {
        case 0: (x + y) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (x + y) % 3 == 0
        case 4: (x / 3 + y / 2) % 2 == 0
        case 5: x * y % 2 + x * y % 3 == 0
        case 6: (x * y % 2 + x * y % 3) % 2 == 0
        default: ((x + y) % 2 + x * y % 3) % 2 == 0
        }
    }

    /// Tries all eight masks with their real format bits and keeps the lowest penalty;
    /// ties go to the lower mask number.
    static func bestMask(for matrix: SymbolMatrix, _ ecc: ErrorCorrection) -> Int {
        var best = 0
        var bestPenalty = Int.max
        for mask in 0..<8 {
            var candidate = matrix
            candidate.apply(mask: mask)
            candidate.drawFormatBits(ecc, mask: mask)
            let score = penalty(candidate.modules)
            if score < bestPenalty {
                best = mask
                bestPenalty = score
            }
        }
        return best
    }

    /// N1 + N2 + N3 + N4 of §7.8.3.1 (weights 3, 3, 40, 10).
    static func penalty(_ modules: [[Bool]]) -> Int {
        let size = modules.count
        let columns = (0..<size).map { x in (0..<size).map { y in modules[y][x] } }
        var total = 0
        for line in modules + columns {
            total += runPenalty(line) + finderLikePenalty(line)
        }
        for y in 0..<size - 1 {
            for x in 0..<size - 1 {
                let colour = modules[y][x]
                if modules[y][x + 1] == colour && modules[y + 1][x] == colour && modules[y + 1][x + 1] == colour {
                    total += 3
                }
            }
        }
        let dark = modules.reduce(0) { $0 + $1.filter { $0 }.count }
        let cells = size * size
        total += abs(dark * 20 - cells * 10) / cells * 10
        return total
    }

    /// Rule 1: each run of five or more same-coloured modules scores 3 + (length − 5).
    static func runPenalty(_ line: [Bool]) -> Int {
        var total = 0
        var runLength = 1
        for i in 1...line.count {
            if i < line.count && line[i] == line[i - 1] {
                runLength += 1
            } else {
                if runLength >= 5 { total += 3 + runLength - 5 }
                runLength = 1
            }
        }
        return total
    }

    /// Rule 3: 1:1:3:1:1 dark–light–dark–light–dark with four light modules on either
    /// side scores 40. Modules beyond the edge count as light, as the quiet zone is.
    static func finderLikePenalty(_ line: [Bool]) -> Int {
        func light(_ from: Int, _ to: Int) -> Bool {
            (max(from, 0)..<min(to, line.count)).allSatisfy { !line[$0] }
        }
        let pattern = [true, false, true, true, true, false, true]
        var total = 0
        for start in 0...(line.count - pattern.count) where (0..<7).allSatisfy({ line[start + $0] == pattern[$0] }) {
            if light(start - 4, start) || light(start + 7, start + 11) { total += 40 }
        }
        return total
    }
}
