import Fluent
import Foundation
import Plot
import Vapor

/// Shared building blocks of staff pages: crumbs, a form page, option lists within scope.
enum StaffPage {
    static func crumbs(_ ctx: PageContext, _ trail: [(String, String?)]) -> [Layout.Crumb] {
        [Layout.Crumb(title: ctx.t("工作台", "Workbench"), url: SiteURL.staff.path)] + trail.map { Layout.Crumb(title: $0.0, url: $0.1) }
    }

    /// Evaluators open the same pages read-only: the form shows the values, disabled, with a note why.
    /// A form under `formTitle` adds one more row to the list above it: read-only viewers get
    /// the list without it. Other forms show read-only viewers the values, disabled.
    static func formPage(_ ctx: PageContext, title: String, crumbs: [(String, String?)], intro: String? = nil,
                         above: [HNode] = [], formTitle: String? = nil, form: HNode, below: [HNode] = [],
                         needs capability: Capability = .editRegistry) -> String {
        let readOnly = !ctx.may(capability)
        let body: HNode = readOnly && formTitle != nil
            ? H.p(ctx.t("您的角色只能查看这些信息，不能修改。", "Your role can view this information but not change it."), cls: "warning")
            : readOnly
            ? H.group(H.p(ctx.t("您的角色只能查看这些信息，不能修改。", "Your role can view this information but not change it."), cls: "warning"),
                      H.el("fieldset", [("disabled", "disabled"), ("class", "read-only")], [
                          H.el("legend", [("class", "visually-hidden")], H.text(ctx.t("只读", "Read only"))), form,
                      ]))
            : form
        let heading: [HNode] = formTitle.map { readOnly ? [] : [H.h2($0)] } ?? []
        return Layout.page(ctx, title: title, area: .staff, crumbs: StaffPage.crumbs(ctx, crumbs),
                           [H.h1(title)] + (intro.map { [H.p($0, cls: "lead")] } ?? []) + above + heading + [body] + below)
    }

    /// Regions an account may place things in, labelled with their township for clarity.
    static func regionOptions(_ scope: Scope, on db: any Database, levels: [RegionLevel], lang: Lang) async throws -> [FormField.Option] {
        guard case .region = scope else { return [] }
        let regions = try await scope.filter(Region.query(on: db)).filter(\.$level ~~ levels).sort(\.$path).all()
        let townships = try await TownshipIndex.load(on: db)
        return [FormField.Option(value: "", label: lang.t("请选择", "Choose"))] + regions.map { region in
            let township = region.level == .village ? townships.township(containing: region.path)?.name : nil
            return FormField.Option(value: region.id!.uuidString, label: [township, region.name].compactMap { $0 }.joined(separator: " · "))
        }
    }

    static func parentVenueOptions(on db: any Database, excluding: UUID?, lang: Lang) async throws -> [FormField.Option] {
        let venues = try await Venue.query(on: db).filter(\.$networkRole ~~ [.main, .branch]).sort(\.$tier).sort(\.$name).all()
        return [FormField.Option(value: "", label: lang.t("无（不属于总分馆体系）", "None"))]
            + venues.filter { $0.id != excluding }.map { FormField.Option(value: $0.id!.uuidString, label: $0.name) }
    }

    /// Tabs across one venue's staff pages.
    static func venueTabs(_ ctx: PageContext, venueID: UUID, current: String) -> HNode {
        let tabs: [(String, String, String)] = [
            ("basics", ctx.t("基本信息", "Basics"), SiteURL.venues(.staffShow(.id(venueID))).path),
            ("hours", ctx.t("开放时间", "Hours"), SiteURL.venues(.staffHours(.id(venueID))).path),
            ("spaces", ctx.t("活动场地", "Spaces"), SiteURL.venues(.staffSpaces(.id(venueID))).path),
            ("resources", ctx.t("特殊群体资源", "Special-group resources"), SiteURL.venues(.staffResources(.id(venueID))).path),
            ("notices", ctx.t("免费开放公示", "Free-opening notices"), SiteURL.notices(.staffIndex(.id(venueID))).path),
            ("menu", ctx.t("服务菜单", "Service menu"), SiteURL.menu(.staffIndex(.id(venueID))).path),
            ("digital", ctx.t("数字资源", "Digital resources"), SiteURL.digital(.staffIndex(.id(venueID))).path),
            ("activities", ctx.t("活动", "Activities"), SiteURL.activities(.staffIndex).with([("venue", venueID.uuidString.lowercased())])),
            ("public", ctx.t("查看公开页面", "Public page"), SiteURL.venues(.show(.id(venueID))).path),
        ]
        return H.el("nav", [("class", "tabs"), ("aria-label", ctx.t("场馆管理", "Venue sections"))], [
            H.el("ul", [], tabs.map { key, title, url in H.el("li", [], H.a(title, href: url, current: key == current)) }),
        ])
    }
}

extension Request {
    /// A venue for a staff read: outside the account's scope it does not exist (404).
    func scopedVenue(_ staff: Staff, _ param: String = "id") async throws -> Venue {
        try await scopedRecord(Venue.self, param)
    }

    /// A venue for a registry write, checked before any body is read: missing is 404, a role
    /// without the capability or a venue outside the scope 403.
    func venueForWrite(_ param: String = "id") async throws -> Venue {
        try await scopedRecord(Venue.self, param, toWrite: .editRegistry)
    }
}
