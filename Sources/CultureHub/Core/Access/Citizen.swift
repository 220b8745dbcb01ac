import Foundation

extension Account {
    /// What citizens do for themselves (register, book, rate, complain, answer a survey online,
    /// propose or support a demand, volunteer) takes a citizen account. A staff account doing it
    /// would put its own hand in the participation and satisfaction its unit is ranked on.
    func requireCitizen() throws {
        guard role == .citizen else { throw Self.staffActingAsCitizen }
    }

    static let staffActingAsCitizen = AppError.refused(
        zh: "工作人员账号不能以群众身份报名、预约、评价、投诉、答卷或参加志愿服务，请用个人的群众账号。",
        en: "Staff accounts cannot register, book, rate, complain, answer surveys or volunteer as citizens; use a personal citizen account.")
}
