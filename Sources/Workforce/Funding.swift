/// Budget execution and unit costs (R7.3). Amounts are whole fen (分): sums never drift.
public enum Funding {
    /// Spent ÷ budgeted, or nil without a budget.
    public static func executionRate(spentFen: Int, budgetFen: Int) -> Double? {
        budgetFen > 0 ? Double(spentFen) / Double(budgetFen) : nil
    }

    /// Whole fen per unit (activity or participation), rounded half up; nil for none.
    public static func costPer(_ count: Int, spentFen: Int) -> Int? {
        guard count > 0 else { return nil }
        return (spentFen * 2 + count) / (2 * count)
    }

    /// "12,345.60" from 1234560 fen, for tables (negative amounts never reach here).
    public static func yuan(_ fen: Int) -> String {
        let yuan = fen / 100, cents = fen % 100
        var digits = String(yuan), grouped = ""
        while digits.count > 3 { grouped = "," + digits.suffix(3) + grouped; digits = String(digits.dropLast(3)) }
        return digits + grouped + "." + (cents < 10 ? "0" : "") + String(cents)
    }
}
