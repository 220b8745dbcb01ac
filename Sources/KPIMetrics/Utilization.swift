/// Space utilization 利用率 = used space-hours ÷ open space-hours (DESIGN §5).
public enum Utilization {
    /// Minutes a space is open over a period: its weekly minutes per weekday (index 0 Monday)
    /// times how often each weekday occurs while the unit was open.
    public static func openMinutes(weeklyMinutes: [Int], weekdayCounts: [Int]) -> Int {
        zip(weeklyMinutes, weekdayCounts).reduce(0) { $0 + max(0, $1.0) * $1.1 }
    }

    /// Minutes of [start, end) inside [periodStart, periodEnd), in any unit of time (seconds
    /// since an epoch, say); 0 when they do not meet.
    public static func overlap(start: Int, end: Int, periodStart: Int, periodEnd: Int) -> Int {
        max(0, min(end, periodEnd) - max(start, periodStart))
    }
}
