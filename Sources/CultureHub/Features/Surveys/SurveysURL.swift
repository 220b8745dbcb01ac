import Foundation

/// Surveys: answering them, and the staff's questionnaires and results.
/// Nested in `SiteURL` like `EvaluationURL`, so the feature owns its addresses:
/// `SiteURL.surveys(.staffResults(.id(survey)))`.
public enum SurveysURL: Sendable, Equatable {
    case index, show(Ref)
    case staffIndex, staffNew, staffShow(Ref), staffQuestions(Ref), staffQuestionDelete(Ref, Ref)
    case staffOpen(Ref), staffClose(Ref), staffPaper(Ref), staffResults(Ref), staffExportCSV(Ref)
    case staffExportXLSX(Ref)

    var path: String {
        switch self {
        case .index: "/surveys"
        case .show(let r): "/surveys/\(r.segment)"
        case .staffIndex: "/staff/surveys"
        case .staffNew: "/staff/surveys/new"
        case .staffShow(let r): "/staff/surveys/\(r.segment)"
        case .staffQuestions(let r): "/staff/surveys/\(r.segment)/questions"
        case .staffQuestionDelete(let s, let q): "/staff/surveys/\(s.segment)/questions/\(q.segment)/delete"
        case .staffOpen(let r): "/staff/surveys/\(r.segment)/open"
        case .staffClose(let r): "/staff/surveys/\(r.segment)/close"
        case .staffPaper(let r): "/staff/surveys/\(r.segment)/paper"
        case .staffResults(let r): "/staff/surveys/\(r.segment)/results"
        case .staffExportCSV(let r): "/staff/surveys/\(r.segment)/results.csv"
        case .staffExportXLSX(let r): "/staff/surveys/\(r.segment)/results.xlsx"
        }
    }
}
