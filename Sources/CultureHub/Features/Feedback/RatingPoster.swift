import Crypto
import Fluent
import Foundation
import QRCode
import SQLKit
import Vapor

/// The on-site rating code (issue #20 point 5): a poster at the front desk whose QR code changes
/// every day. A reader who walks in, scans it and signs in has visited, and may rate the venue;
/// a photo of the poster stops working the next day, so it cannot be passed around to raise a
/// venue's figures from afar.
enum RatingPosterCode {
    static let purpose = "rating-poster"
    /// No 0/O or 1/I/L: the code is also printed for people who type it.
    private static let alphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    static func code(venue: UUID, day: String, key: SymmetricKey) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data("\(venue.uuidString)|\(day)".utf8), using: key)
        return String(Array(mac).prefix(8).map { alphabet[Int($0) % alphabet.count] })
    }

    /// Today's code only (in the display time zone), compared in constant time.
    static func isValid(_ raw: String, venue: UUID, day: String, key: SymmetricKey) -> Bool {
        let given = Array(raw.uppercased().filter { !$0.isWhitespace }.utf8)
        let expected = Array(code(venue: venue, day: day, key: key).utf8)
        return given.count == expected.count && zip(given, expected).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

enum RatingPosterController {
    struct VisitQuery: Content { var code: String? }

    /// The printable poster for a venue in the staff member's scope.
    @Sendable static func poster(req: Request) async throws -> Response {
        let staff = try req.staff()
        let venue = try await req.scopedVenue(staff)
        let today = req.displayTime.today
        let key = try await req.application.signingKeys.key(RatingPosterCode.purpose, on: req.db)
        let code = RatingPosterCode.code(venue: try venue.requireID(), day: today, key: key)
        let url = req.settings.baseURL + SiteURL.feedback(.venueVisit(.id(try venue.requireID()))).with([("code", code)])
        let ctx = PageContext(req)
        let qr = try QRCode.encode(url).svg(moduleSize: 8, title: ctx.t("扫码评价二维码", "QR code to rate"))
        return Layout.response(RatingPosterView.render(ctx, venue: venue, day: today, code: code, qr: qr))
    }

    /// A scan of the poster: records today's visit and offers the rating form.
    @Sendable static func visit(req: Request) async throws -> Response {
        guard let account = req.auth.get(Account.self) else {
            return req.redirect(to: SiteURL.login.with([("next", req.url.string)]))
        }
        guard account.role == .citizen else { throw Account.staffActingAsCitizen }
        guard let venue = try await Venue.find(req.id(), on: req.db) else { throw AppError.notFound }
        let today = req.displayTime.today
        let key = try await req.application.signingKeys.key(RatingPosterCode.purpose, on: req.db)
        let venueID = try venue.requireID()
        let code = try req.query.decode(VisitQuery.self).code ?? ""
        guard RatingPosterCode.isValid(code, venue: venueID, day: today, key: key) else {
            throw AppError.conflict(zh: "这个二维码已经过期或不是本馆的。请扫描服务台今天的评价二维码。",
                                    en: "This code has expired or is not this venue's. Scan today's code at the front desk.")
        }
        let sql = req.db as! any SQLDatabase
        // One visit a day is enough to rate; a second scan the same day changes nothing.
        try await sql.raw("""
            INSERT INTO venue_visits (id, account_id, venue_id, visited_on, created_at)
            VALUES (\(bind: UUID()), \(bind: account.requireID()), \(bind: venueID), \(bind: today), \(bind: req.now))
            ON CONFLICT (account_id, venue_id, visited_on) DO NOTHING
            """).run()
        Flash.set(req, "欢迎来到\(venue.name)！现在可以给本馆打分了。", "Welcome to \(venue.name)! You can now rate it.")
        return req.redirect(to: SiteURL.venues(.show(.id(venueID))).path + "#ratings")
    }
}

enum RatingPosterView {
    static func render(_ ctx: PageContext, venue: Venue, day: String, code: String, qr: String) -> String {
        let title = ctx.t("扫码评价本馆", "Scan to rate us")
        return Layout.page(ctx, title: title, [
            H.div("poster", [
                H.h1(title),
                H.p(venue.name, cls: "lead"),
                H.el("figure", [("class", "poster-qr")], [.raw(qr)]),
                H.p(ctx.t("用手机扫描二维码，登录后即可为本馆打分、留言。您的评价会计入本馆的群众满意度。",
                          "Scan with your phone and sign in to rate us and leave a comment. Your rating counts in "
                            + "our satisfaction figures.")),
                H.p(ctx.t("评价码：\(code)（仅限 \(day) 当天有效）", "Code: \(code) (valid on \(day) only)"), cls: "code-text"),
            ]),
            H.p(ctx.t("工作人员：二维码每天更换，昨天的照片今天扫不出来。请每天开馆时打印本页，或在服务台的屏幕上打开本页。",
                      "Staff: the code changes every day, so yesterday's photo no longer works. Print this page when "
                        + "you open each day, or keep it open on a screen at the front desk."), cls: "muted no-print"),
        ])
    }
}
