import Fluent
import Foundation
import Vapor

/// A citizen's optional details (issue #4): birth date, resident ID number and disability status
/// (encrypted at rest), and for a child under 14 the guardian's consent, without which the child's
/// account cannot register for activities.
enum ProfileController {
    struct Form: Content {
        var birthDate: String?
        var idNumber: String?
        var disability: String?
        var disabilityGrade: String?
        var guardianName: String?
        var guardianRelation: String?
        var guardianPhone: String?
        var guardianConsent: String?
        var homeVillage: String?
    }

    static func load(_ account: Account, on db: any Database) async throws -> CitizenProfile? {
        try await CitizenProfile.query(on: db).filter(\.$account.$id == account.requireID()).first()
    }

    @Sendable static func edit(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard account.role == .citizen else { throw AppError.notFound }
        let profile = try await load(account, on: req.db)
        let cipher = req.application.fieldCipher
        var form = Form(birthDate: profile?.birthDate, guardianName: profile?.guardianName, guardianRelation: profile?.guardianRelation,
                        guardianPhone: profile?.guardianPhone.map(MobileNumber.masked), guardianConsent: profile?.guardianConsentAt == nil ? nil : "1",
                        homeVillage: profile?.homeVillageID?.uuidString)
        if let profile, let sealed = profile.disabilitySealed,
           let text = cipher.openLogged(sealed, for: .disability, row: profile.id, req.logger) {
            let parts = text.split(separator: ":").map(String.init)
            form.disability = parts.first
            form.disabilityGrade = parts.count > 1 ? parts[1] : nil
        }
        return try await render(req, form, masked: profile?.idNumberMasked, consentAt: profile?.guardianConsentAt, errors: [:], status: .ok)
    }

    @Sendable static func update(req: Request) async throws -> Response {
        let account = try req.auth.require(Account.self)
        guard account.role == .citizen else { throw AppError.notFound }
        let form = try req.content.decode(Form.self)
        let existing = try await load(account, on: req.db)
        var check = FormCheck(req.lang)
        let today = req.displayTime.today
        var birth = check.date("birthDate", form.birthDate, required: false)
        if let b = birth, b > today || b < "1900-01-01" { check.fail("birthDate", "请填写真实的出生日期。", "Enter a real date of birth.") }
        // An empty box keeps the number on file; a new one replaces it.
        let idRaw = ResidentID.normalised(form.idNumber ?? "")
        if !idRaw.isEmpty {
            if !ResidentID.isValid(idRaw) {
                check.fail("idNumber", "身份证号码不正确，请核对 18 位号码（最后一位可能是 X）。", "That ID number is not valid; check all 18 characters (the last may be X).")
            } else if let b = birth, b != ResidentID.birthDate(idRaw) {
                check.fail("birthDate", "出生日期与身份证号码不一致。", "The date of birth does not match the ID number.")
            } else {
                birth = ResidentID.birthDate(idRaw)
            }
        }
        var homeVillage: UUID?
        if let raw = form.homeVillage, !raw.isEmpty {
            homeVillage = UUID(uuidString: raw)
            if try await homeVillage.asyncMap({ try await Region.find($0, on: req.db) })??.level != .village {
                check.fail("homeVillage", "请从列表中选择村（社区）。", "Choose a village from the list.")
                homeVillage = nil
            }
        }
        let category = (form.disability ?? "").isEmpty ? nil : DisabilityCategory(rawValue: form.disability ?? "")
        if !(form.disability ?? "").isEmpty && category == nil { check.fail("disability", "请从列表中选择。", "Choose from the list.") }
        let grade = category == nil ? nil : check.int("disabilityGrade", form.disabilityGrade, min: 1, max: 4)
        let child = CitizenProfile.isChild(birthDate: birth, today: today)
        var guardianName: String?, guardianRelation: String?, guardianPhone: String?, consentAt: Date?
        if child {
            guardianName = check.text("guardianName", form.guardianName, max: 30)
            guardianRelation = check.text("guardianRelation", form.guardianRelation, max: 10)
            let typed = (form.guardianPhone ?? "").trimmingCharacters(in: .whitespaces)
            if typed == existing?.guardianPhone.map(MobileNumber.masked), let kept = existing?.guardianPhone {
                guardianPhone = kept
            } else if let phone = MobileNumber.normalize(typed) {
                guardianPhone = phone
            } else {
                check.fail("guardianPhone", "请填写监护人的 11 位手机号码。", "Enter the guardian's 11-digit mobile number.")
            }
            if FormCheck.flag(form.guardianConsent) {
                consentAt = existing?.guardianConsentAt ?? req.now
            } else {
                check.fail("guardianConsent", "未满 14 周岁的儿童需要监护人勾选同意。", "A guardian must tick consent for a child under 14.")
            }
        }
        guard check.isValid else {
            return try await render(req, form, masked: existing?.idNumberMasked, consentAt: existing?.guardianConsentAt, errors: check.errors, status: .unprocessableEntity)
        }
        let cipher = req.application.fieldCipher
        // The row's id is part of what is sealed, so a new profile gets its id before sealing.
        let rowID = existing?.id ?? UUID()
        let sealedID = idRaw.isEmpty ? existing?.idNumberSealed : try cipher.seal(idRaw, for: .residentID, row: rowID)
        let maskedID = idRaw.isEmpty ? existing?.idNumberMasked : ResidentID.masked(idRaw)
        let sealedDisability = try category.map { try cipher.seal("\($0.rawValue):\(grade ?? 0)", for: .disability, row: rowID) }
        let (birthDate, name, relation, phone, consent, village) = (birth, guardianName, guardianRelation, guardianPhone, consentAt, homeVillage)
        try await req.db.writeTransaction { tx in
            let profile = existing ?? CitizenProfile()
            if existing == nil { profile.id = rowID }
            profile.$account.id = try account.requireID()
            profile.birthDate = birthDate
            profile.idNumberSealed = sealedID
            profile.idNumberMasked = maskedID
            profile.disabilitySealed = sealedDisability
            profile.guardianName = name
            profile.guardianRelation = relation
            profile.guardianPhone = phone
            profile.guardianConsentAt = consent
            if profile.homeVillageID != village { profile.homeVillageSince = village == nil ? nil : req.now }
            profile.homeVillageID = village
            profile.updatedAt = req.now
            try await profile.save(on: tx)
        }
        Flash.set(req, child ? "已保存，并记录了监护人的同意。现在可以为孩子报名活动了。" : "已保存。身份证号码和残疾信息已加密保存，只有您本人能在“下载我的数据”中看到完整内容。",
                  child ? "Saved, with the guardian's consent recorded. The child can now register for activities." : "Saved. The ID number and disability details are stored encrypted; only you see them in full, in your data download.")
        return req.redirect(to: SiteURL.accounts(.profile).path)
    }

    private static func render(_ req: Request, _ form: Form, masked: String?, consentAt: Date?, errors: FieldErrors, status: HTTPResponseStatus) async throws -> Response {
        let ctx = PageContext(req, hasForm: true)
        let title = ctx.t("我的资料", "My details")
        let choose = FormField.Option(value: "", label: ctx.t("无", "None"))
        let villages = try await Region.query(on: req.db).filter(\.$level == .village).sort(\.$code).limit(5000).all()
        let townships = try await req.townships()
        let fields = [
            FormField(name: "homeVillage", label: ctx.t("我住在哪个村（社区）（选填）", "My village (optional)"),
                      kind: .select([.init(value: "", label: ctx.t("不填", "Not given"))] + townships.villageOptions(villages)), value: form.homeVillage?.uppercased() ?? "",
                      error: errors["homeVillage"], hint: ctx.t("填写后，可以给村里点单送来的演出、电影等服务打分。", "Then you can rate the services your village ordered.")),
            FormField(name: "birthDate", label: ctx.t("出生日期（选填）", "Date of birth (optional)"), kind: .date, value: form.birthDate ?? "", error: errors["birthDate"],
                      hint: ctx.t("未满 14 周岁的儿童需要监护人同意后才能报名活动。", "Children under 14 need a guardian's consent before registering.")),
            FormField(name: "idNumber", label: ctx.t("身份证号码（选填）", "Resident ID number (optional)"), error: errors["idNumber"],
                      hint: masked.map { ctx.t("已保存：\($0)。留空则保持不变。", "On file: \($0). Leave empty to keep it.") }
                          ?? ctx.t("部分需要实名的活动会用到，加密保存。", "Some activities need real-name entry; stored encrypted."), maxLength: 18, autocomplete: "off"),
            FormField(name: "disability", label: ctx.t("残疾类别（选填）", "Disability (optional)"),
                      kind: .select([choose] + DisabilityCategory.allCases.map { .init(value: $0.rawValue, label: $0.label(ctx.lang)) }), value: form.disability ?? "",
                      error: errors["disability"], hint: ctx.t("用于为您安排无障碍座位和服务，加密保存。", "Used to arrange accessible seating and help; stored encrypted.")),
            FormField(name: "disabilityGrade", label: ctx.t("残疾等级", "Grade"), kind: .select([.init(value: "", label: ctx.t("请选择", "Choose"))]
                          + (1...4).map { .init(value: String($0), label: ctx.t(["一级", "二级", "三级", "四级"][$0 - 1], "Grade \($0)")) }),
                      value: form.disabilityGrade ?? "", error: errors["disabilityGrade"]),
        ]
        let guardian = [
            FormField(name: "guardianName", label: ctx.t("监护人姓名（未满 14 周岁的儿童填写）", "Guardian's name (for a child under 14)"), value: form.guardianName ?? "", error: errors["guardianName"], maxLength: 30),
            FormField(name: "guardianRelation", label: ctx.t("与儿童的关系", "Relation to the child"), value: form.guardianRelation ?? "", error: errors["guardianRelation"],
                      hint: ctx.t("例如：父亲、母亲、祖父母", "e.g. father, mother, grandparent"), maxLength: 10),
            FormField(name: "guardianPhone", label: ctx.t("监护人手机号码", "Guardian's mobile number"), kind: .tel, value: form.guardianPhone ?? "", error: errors["guardianPhone"],
                      maxLength: 13, inputmode: "tel"),
            FormField(name: "guardianConsent", label: ctx.t("我是该儿童的监护人，同意平台为报名和参加活动处理其个人信息。", "I am the child's guardian and consent to the platform processing their details for registering and taking part."),
                      kind: .checkbox, value: FormCheck.flag(form.guardianConsent) ? "1" : "", error: errors["guardianConsent"]),
        ]
        let html = Layout.page(ctx, title: title, crumbs: [.init(title: ctx.t("我的账号", "My account"), url: SiteURL.accounts(.home).path), .init(title: title, url: nil)], [
            H.h1(title),
            H.p(ctx.t("以下信息都可以不填。身份证号码和残疾信息加密保存，工作人员的名单里只显示脱敏后的号码。",
                      "All of this is optional. The ID number and disability details are stored encrypted; staff lists show the ID number masked."), cls: "lead"),
            consentAt.map { H.p(ctx.t("已于 \(req.displayTime.dateTime($0)) 记录监护人同意。", "A guardian's consent was recorded on \(req.displayTime.dateTime($0))."), cls: "ok-state") } ?? H.empty,
            Forms.form(ctx, action: SiteURL.accounts(.profile).path, fields: fields + guardian, submit: ctx.t("保存", "Save")),
        ])
        return Layout.response(html, status: status)
    }
}
