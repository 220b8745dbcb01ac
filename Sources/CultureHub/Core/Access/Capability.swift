/// What a role may do (R9.1, DESIGN §3 rule 4). Every write names the capability it needs, and
/// this table is the only place that says which role holds it; the README's role table is
/// checked against it by a test.
public enum Capability: String, Sendable, CaseIterable {
    /// See staff pages and records inside the scope.
    case read
    /// Venues, spaces, menus, notices, digital resources, teams, works, campaigns, staff register, funding.
    case editRegistry
    /// Region population and remote/poverty-relief flags: the denominators of per-capita figures.
    case editRegions
    /// Add venues under a region (a venue manager keeps one venue).
    case createVenues
    /// Decide a venue's kind, and so its tier and whether it is a city unit in evaluation, and
    /// its place in the 总分馆 tree: the bureau's call, since both widen what a venue reaches.
    case classifyVenues
    /// Publish activities, register people by proxy, check in, count heads, file reports, decide
    /// bookings, run volunteer posts and shifts.
    case runEvents
    /// Accept and answer complaints, answer demands, moderate ratings.
    case handleFeedback
    /// Order for a village, answer as the serving venue, confirm delivery and rate it.
    case decideOrders
    /// Design and run satisfaction surveys, enter paper answers.
    case designSurveys
    /// Schemes, runs, inspections, rectification, third-party results, upheld complaints.
    case evaluate
    /// Publish an evaluation run: final, public and frozen.
    case publishEvaluation
    /// Staff accounts: create, unlock, reset passwords, change role and scope, deactivate.
    case manageAccounts
    /// Read and export the audit log (等保: a separate audit duty).
    case readAudit
}

extension Role {
    /// The one table of who may do what. Evaluators and third-party evaluators change no
    /// operational record: their writes are evaluation and surveys only.
    public var capabilities: Set<Capability> {
        switch self {
        case .citizen: []
        case .bureauAdmin: Set(Capability.allCases)
        case .evaluator: [.read, .designSurveys, .evaluate]
        case .thirdPartyEvaluator: [.read, .designSurveys]
        case .townshipManager:
            [.read, .editRegistry, .editRegions, .createVenues, .runEvents, .handleFeedback, .decideOrders]
        case .venueManager: [.read, .editRegistry, .runEvents, .handleFeedback, .decideOrders]
        case .villageStaff: [.read, .editRegistry, .createVenues, .runEvents, .handleFeedback, .decideOrders]
        }
    }

    public func may(_ capability: Capability) -> Bool { capabilities.contains(capability) }
}

extension Capability {
    /// How the README's role table names it.
    var summary: String {
        switch self {
        case .read: "read staff pages in scope"
        case .editRegistry: "edit the registry (venues, spaces, menus, notices, teams, works, campaigns, staff, funding)"
        case .editRegions: "edit regions (population, remote and poverty-relief flags)"
        case .createVenues: "add venues"
        case .classifyVenues: "set a venue's kind and its place in the main–branch tree"
        case .runEvents:
            "run events (activities, proxy registration, check-in, headcounts, reports, bookings, volunteer shifts)"
        case .handleFeedback: "handle feedback (complaints, demands, rating moderation)"
        case .decideOrders: "village orders (order, answer, confirm delivery, rate)"
        case .designSurveys: "design surveys and enter paper answers"
        case .evaluate: "evaluate (schemes, runs, inspections, rectification, upheld complaints)"
        case .publishEvaluation: "publish evaluation results"
        case .manageAccounts: "manage staff accounts"
        case .readAudit: "read the audit log"
        }
    }

    /// The README's role table, generated from `Role.capabilities` so the two cannot drift.
    static func markdownTable() -> String {
        let roles = Role.staffRoles
        var lines = ["| capability | " + roles.map { "`\($0.rawValue)`" }.joined(separator: " | ") + " |",
                     "|---|" + roles.map { _ in "---|" }.joined()]
        for c in allCases {
            lines.append("| \(c.summary) | " + roles.map { $0.may(c) ? "✓" : "" }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n")
    }
}
