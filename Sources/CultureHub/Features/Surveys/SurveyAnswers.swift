import Foundation

/// One question's answer, checked against the question.
struct ParsedAnswer: Equatable {
    let questionID: UUID
    var choices: [Int] = []
    var scale: Int? = nil
    var text: String = ""
    var isEmpty: Bool { choices.isEmpty && scale == nil && text.isEmpty }
}

/// Reads raw form values into answers, with one message per question that is wrong. Online
/// forms send option numbers from radio buttons and checkboxes; paper entry sends what staff
/// typed (an option number, "1,3" for several, a score), so the same rules check both.
enum SurveyAnswers {
    static let maxText = 500

    static func parse(_ questions: [SurveyQuestion], raw: (SurveyQuestion) -> [String], lang: Lang) -> (answers: [ParsedAnswer], errors: [UUID: String]) {
        var answers: [ParsedAnswer] = []
        var errors: [UUID: String] = [:]
        for q in questions {
            let id = q.id!
            let values = raw(q).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            var answer = ParsedAnswer(questionID: id)
            let count = q.options.count
            switch q.kind {
            case .single, .multiple:
                // "1,3", "1、3" or "1 3" typed from paper, or one value per ticked box online.
                let parts = values.flatMap { $0.split(whereSeparator: { !$0.isNumber || !$0.isASCII }).map(String.init) }
                if parts.isEmpty && values.contains(where: { !$0.isEmpty }) {
                    errors[id] = lang.t("请填写选项号（1 到 \(count)）。", "Enter option numbers (1 to \(count)).")
                }
                let numbers = parts.compactMap { Int($0) }
                if let bad = numbers.first(where: { !(1...max(count, 1)).contains($0) }) {
                    errors[id] = lang.t("没有第 \(bad) 个选项，请填写 1 到 \(count)。", "There is no option \(bad); use 1 to \(count).")
                } else if q.kind == .single && numbers.count > 1 {
                    errors[id] = lang.t("单选题只能选一项。", "Choose one option only.")
                } else if Set(numbers).count != numbers.count {
                    errors[id] = lang.t("同一个选项写了两次。", "An option is given twice.")
                }
                answer.choices = numbers.sorted()
            case .scale:
                if let value = values.first {
                    if let n = Int(value), (1...5).contains(n), values.count == 1 { answer.scale = n } else {
                        errors[id] = lang.t("评分应为 1 到 5 的整数（现在是“\(values.joined(separator: ","))”）。", "A score must be a whole number from 1 to 5 (got \"\(values.joined(separator: ","))\").")
                    }
                }
            case .text:
                let text = values.joined(separator: "\n")
                if text.count > maxText { errors[id] = lang.t("不能超过 \(maxText) 个字。", "At most \(maxText) characters.") }
                answer.text = String(text.prefix(maxText))
            }
            if errors[id] == nil && q.required && answer.isEmpty {
                errors[id] = lang.t("这是必答题。", "This question must be answered.")
            }
            answers.append(answer)
        }
        return (answers, errors)
    }
}
