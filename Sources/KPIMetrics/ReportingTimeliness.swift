import Foundation

/// Reporting timeliness (R4.5, DESIGN §5): each activity's report is on time, late, missing
/// (its deadline passed with nothing filed) or not yet due.
public enum ReportState: String, Sendable, CaseIterable {
    case onTime, late, missing, notDue

    public static func of(deadline: Date, submittedAt: Date?, now: Date) -> ReportState {
        if let submittedAt { return submittedAt <= deadline ? .onTime : .late }
        return deadline < now ? .missing : .notDue
    }
}

public struct ReportingTimeliness: Sendable, Equatable {
    public var onTime = 0
    public var late = 0
    public var missing = 0
    /// Not yet due and not yet filed: these do not count either way.
    public var notDue = 0

    public init(onTime: Int = 0, late: Int = 0, missing: Int = 0, notDue: Int = 0) {
        self.onTime = onTime
        self.late = late
        self.missing = missing
        self.notDue = notDue
    }

    public mutating func add(_ state: ReportState) {
        switch state {
        case .onTime: onTime += 1
        case .late: late += 1
        case .missing: missing += 1
        case .notDue: notDue += 1
        }
    }

    /// Reports whose deadline has passed or that were filed.
    public var due: Int { onTime + late + missing }
    /// On time ÷ due; nil with nothing due, never a made-up 100 %.
    public var rate: Double? { due == 0 ? nil : Double(onTime) / Double(due) }
}
