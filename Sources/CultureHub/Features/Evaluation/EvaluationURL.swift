import Foundation

/// The evaluation and inspection pages (R8.1–R8.5), kept in one nested enum so `SiteURL`
/// stays readable: `SiteURL.evaluation(.run(.id(x)))`.
public enum EvaluationURL: Sendable, Equatable {
    case published, publishedRun(Ref)
    case home, schemes(String), runs, run(Ref), runStep(Ref, String), runUnit(Ref, Ref), runRecords(Ref, Ref)
    case runDiff(Ref), runPrint(Ref), runXLSX(Ref), runCSV(Ref)
    case shortfall, integrity
    case inspections, inspection(Ref), rectifications, rectification(Ref, String)
    case thirdParty, thirdPartyImport, thirdPartyEntry
    case plans, planMeasures(Ref), measureProgress(Ref)
    case tableExport(String, String)

    var path: String {
        switch self {
        case .published: "/evaluation"
        case .publishedRun(let r): "/evaluation/\(r.segment)"
        case .home: "/staff/evaluation"
        case .schemes(let type): "/staff/evaluation/schemes/\(type)"
        case .runs: "/staff/evaluation/runs"
        case .run(let r): "/staff/evaluation/runs/\(r.segment)"
        case .runStep(let r, let step): "/staff/evaluation/runs/\(r.segment)/\(step)"
        case .runUnit(let r, let u): "/staff/evaluation/runs/\(r.segment)/units/\(u.segment)"
        case .runRecords(let r, let u): "/staff/evaluation/runs/\(r.segment)/units/\(u.segment)/records"
        case .runDiff(let r): "/staff/evaluation/runs/\(r.segment)/diff"
        case .runPrint(let r): "/staff/evaluation/runs/\(r.segment)/print"
        case .runXLSX(let r): "/staff/evaluation/runs/\(r.segment)/report.xlsx"
        case .runCSV(let r): "/staff/evaluation/runs/\(r.segment)/rankings.csv"
        case .shortfall: "/staff/evaluation/shortfall"
        case .integrity: "/staff/evaluation/integrity"
        case .inspections: "/staff/inspections"
        case .inspection(let r): "/staff/inspections/\(r.segment)"
        case .rectifications: "/staff/rectifications"
        case .rectification(let r, let action): "/staff/rectifications/\(r.segment)/\(action)"
        case .thirdParty: "/staff/evaluation/third-party"
        case .thirdPartyImport: "/staff/evaluation/third-party/import"
        case .thirdPartyEntry: "/staff/evaluation/third-party/entry"
        case .plans: "/staff/evaluation/plans"
        case .tableExport(let table, let format): "/staff/evaluation/tables/\(table)/\(format)"
        case .planMeasures(let r): "/staff/evaluation/plans/\(r.segment)/measures"
        case .measureProgress(let r): "/staff/evaluation/measures/\(r.segment)/progress"
        }
    }
}
