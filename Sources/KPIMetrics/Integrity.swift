/// Integrity flags for evaluators (R8.5). Each rule is a plain predicate so the SQL that finds
/// candidates and the page that explains them agree on what counts.
public enum IntegrityRule: String, Sendable, Codable, CaseIterable {
    /// Reported attendance above (check-ins + headcount) × factor.
    case overReported
    /// The same photo (by content hash) on more than one activity.
    case reusedPhoto
    /// A report filed long after the activity ended.
    case lateFiling
    /// A finished activity with no check-ins, headcount, photo or report.
    case noEvidence

    public var zh: String {
        switch self {
        case .overReported: "上报人数远高于签到和现场清点"; case .reusedPhoto: "同一张照片用于多个活动"
        case .lateFiling: "活动结束很久后才上报"; case .noEvidence: "活动没有任何佐证"
        }
    }

    public var en: String {
        switch self {
        case .overReported: "Reported attendance far above check-ins and headcount"; case .reusedPhoto: "The same photo on several activities"
        case .lateFiling: "Reported long after the activity"; case .noEvidence: "No evidence at all"
        }
    }
}

public enum Integrity {
    /// True when `reported` exceeds what was counted on the day by more than `factor` times.
    /// With nothing counted on the day any reported attendance is flagged: there is nothing to
    /// multiply, and the activity would otherwise escape the rule.
    public static func overReported(reported: Int, checkedIn: Int, headcount: Int?, factor: Double) -> Bool {
        let counted = checkedIn + (headcount ?? 0)
        if counted == 0 { return reported > 0 }
        return Double(reported) > Double(counted) * factor
    }

    /// True when the report came more than `days` days after the end.
    public static func filedLate(endedAt: Double, filedAt: Double, days: Int) -> Bool {
        filedAt - endedAt > Double(days) * 86_400
    }

    public static func hasNoEvidence(checkedIn: Int, headcount: Int?, hasPhoto: Bool, hasReport: Bool) -> Bool {
        checkedIn == 0 && (headcount ?? 0) == 0 && !hasPhoto && !hasReport
    }
}
