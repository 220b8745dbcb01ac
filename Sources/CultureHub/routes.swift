import Fluent
import Vapor

/// Every route of the app, grouped by feature: the table of contents (DESIGN §8).
func routes(_ app: Application) throws {
    app.get(.healthz, use: PublicController.health)
    app.get("metrics", use: MetricsController.scrape)

    let web = app.grouped(app.sessions.middleware, AccountSessionAuthenticator(), IdleTimeoutMiddleware(), CSRFMiddleware(), AuditContextMiddleware())

    do { // Public pages
        web.get(.home, use: PublicController.home)
        web.get(.venues, use: PublicController.venues)
        web.get(.venue(.param("id")), use: PublicController.venue)
        web.get(.network, use: PublicController.network)
        web.get(.notices, use: PublicController.notices)
        web.get(.coverage, use: PublicController.coverage)
        web.get(.preference(":name"), use: PublicController.preference)
    }

    do { // Service menu, activities, registration, space booking (R3.1–R4.4)
        web.get(.menu, use: MenuController.index)
        web.get(.activities, use: ActivityController.index)
        web.get(.activityCalendar, use: ActivityController.calendar)
        web.get(.activityFeed, use: ActivityController.feed)
        web.get(.activity(.param("id")), use: ActivityController.show)
        web.get(.activityPhoto(.param("id")), use: ActivityController.photo)
        web.post(.activityRegister(.param("id")), use: ActivityController.register)
        web.get(.space(.param("id")), use: SpaceController.show)
        web.post(.spaceBook(.param("id")), use: SpaceController.book)
        web.get(.checkInLink(":token"), use: CheckInController.link)
        let citizen = web.grouped(Account.redirectMiddleware(path: SiteURL.login.path))
        citizen.get(.myRegistrations, use: MyRegistrationsController.index)
        citizen.get(.myRegistration(.param("id")), use: MyRegistrationsController.show)
        citizen.get(.myRegistrationQR(.param("id")), use: MyRegistrationsController.qrPNG)
        citizen.post(.myRegistrationCancel(.param("id")), use: MyRegistrationsController.cancel)
        citizen.post(.myBookingCancel(.param("id")), use: MyRegistrationsController.cancelBooking)
    }

    do { // Feedback: ratings, complaints, satisfaction (R5.1–R5.5)
        web.post(.activityRate(.param("id")), use: RatingController.rateActivity)
        web.get(.activityRatings(.param("id")), use: RatingController.activityRatings)
        web.post(.venueRate(.param("id")), use: RatingController.rateVenue)
        web.get(.venueRatings(.param("id")), use: RatingController.venueRatings)
        web.get(.satisfaction, use: SatisfactionController.index)
        web.get(.complaintNew, use: ComplaintController.new)
        web.on(.POST, SiteURL.complaintNew.pathComponents, body: .collect(maxSize: "6mb"), use: ComplaintController.create)
        let citizen = web.grouped(Account.redirectMiddleware(path: SiteURL.login.path))
        citizen.get(.myComplaints, use: ComplaintController.index)
        citizen.get(.myComplaint(.param("id")), use: ComplaintController.show)
        citizen.get(.myComplaintPhoto(.param("id")), use: ComplaintController.photo)
        citizen.post(.myComplaintReopen(.param("id")), use: ComplaintController.reopen)
        citizen.post(.myComplaintClose(.param("id")), use: ComplaintController.close)
    }

    do { // Accounts
        web.get(.login, use: AuthController.loginPage)
        web.post(.login, use: AuthController.login)
        web.get(.loginSecondFactor, use: TwoFactorController.verifyPage)
        web.post(.loginSecondFactor, use: TwoFactorController.verify)
        web.post(.logout, use: AuthController.logout)
        web.get(.register, use: AuthController.registerPage)
        web.post(.register, use: AuthController.register)
        let signedIn = web.grouped(Account.redirectMiddleware(path: SiteURL.login.path))
        signedIn.get(.account, use: AccountController.show)
        signedIn.post(.accountTokens, use: AccountController.createToken)
        signedIn.post(.accountToken(.param("id")), use: AccountController.revokeToken)
        signedIn.post(.accountPassword, use: PasswordController.change)
        signedIn.get(.accountData, use: PersonalDataController.download)
        signedIn.post(.accountDelete, use: PersonalDataController.delete)
        signedIn.get(.accountTwoFactor, use: TwoFactorController.setupPage)
        signedIn.post(.accountTwoFactor, use: TwoFactorController.enable)
        signedIn.post(.accountTwoFactorDisable, use: TwoFactorController.disable)
    }

    let staff = web.grouped(StaffPageGuard())
    do { // Audit log (R9.1): bureau administrators only
        staff.get(.staffAudit, use: AuditController.index)
        staff.get(.staffAuditExport, use: AuditController.export)
        staff.post(.staffAuditVerify, use: AuditController.verify)
    }
    do { // Staff workbench
        staff.get(.staff, use: { try await DashboardView.render(PageContext($0), DashboardPage.build($0)).asResponse() })
    }
    do { // Staff: regions
        staff.get(.staffRegions, use: StaffRegionsController.index)
        staff.get(.staffRegionNew, use: StaffRegionsController.new)
        staff.post(.staffRegionNew, use: StaffRegionsController.create)
        staff.get(.staffRegion(.param("id")), use: StaffRegionsController.edit)
        staff.post(.staffRegion(.param("id")), use: StaffRegionsController.update)
    }
    do { // Staff: venues and what hangs off them
        staff.get(.staffVenues, use: StaffVenuesController.index)
        staff.get(.staffVenueNew, use: StaffVenuesController.new)
        staff.post(.staffVenueNew, use: StaffVenuesController.create)
        staff.get(.staffVenue(.param("id")), use: StaffVenuesController.edit)
        staff.post(.staffVenue(.param("id")), use: StaffVenuesController.update)
        staff.get(.staffVenueHours(.param("id")), use: StaffHoursController.edit)
        staff.post(.staffVenueHours(.param("id")), use: StaffHoursController.update)
        staff.get(.staffVenueSpaces(.param("id")), use: VenueChildController<Space>.index)
        staff.post(.staffVenueSpaces(.param("id")), use: VenueChildController<Space>.create)
        staff.get(.staffVenueSpace(.param("id"), .param("space")), use: VenueChildController<Space>.edit)
        staff.post(.staffVenueSpace(.param("id"), .param("space")), use: VenueChildController<Space>.update)
        staff.get(.staffVenueSpaceHours(.param("id"), .param("space")), use: StaffSpaceHoursController.edit)
        staff.post(.staffVenueSpaceHours(.param("id"), .param("space")), use: StaffSpaceHoursController.update)
        staff.post(.staffVenueSpaceDelete(.param("id"), .param("space")), use: VenueChildController<Space>.delete)
        staff.get(.staffVenueResources(.param("id")), use: VenueChildController<SpecialResource>.index)
        staff.post(.staffVenueResources(.param("id")), use: VenueChildController<SpecialResource>.create)
        staff.get(.staffVenueResource(.param("id"), .param("item")), use: VenueChildController<SpecialResource>.edit)
        staff.post(.staffVenueResource(.param("id"), .param("item")), use: VenueChildController<SpecialResource>.update)
        staff.post(.staffVenueResourceDelete(.param("id"), .param("item")), use: VenueChildController<SpecialResource>.delete)
        staff.get(.staffVenueNotices(.param("id")), use: VenueChildController<FreeOpeningNotice>.index)
        staff.post(.staffVenueNotices(.param("id")), use: VenueChildController<FreeOpeningNotice>.create)
        staff.get(.staffVenueNotice(.param("id"), .param("item")), use: VenueChildController<FreeOpeningNotice>.edit)
        staff.post(.staffVenueNotice(.param("id"), .param("item")), use: VenueChildController<FreeOpeningNotice>.update)
    }
    do { // Staff: menu, activities, check-in, bookings
        staff.get(.staffVenueMenu(.param("id")), use: VenueChildController<ServiceItem>.index)
        staff.post(.staffVenueMenu(.param("id")), use: VenueChildController<ServiceItem>.create)
        staff.get(.staffVenueMenuItem(.param("id"), .param("item")), use: VenueChildController<ServiceItem>.edit)
        staff.post(.staffVenueMenuItem(.param("id"), .param("item")), use: VenueChildController<ServiceItem>.update)
        staff.post(.staffVenueMenuItemDelete(.param("id"), .param("item")), use: VenueChildController<ServiceItem>.delete)
        staff.get(.staffActivities, use: StaffActivitiesController.index)
        staff.get(.staffActivityNew, use: StaffActivitiesController.new)
        staff.post(.staffActivityNew, use: StaffActivitiesController.create)
        staff.get(.staffActivity(.param("id")), use: StaffActivitiesController.edit)
        staff.post(.staffActivity(.param("id")), use: StaffActivitiesController.update)
        staff.post(.staffActivityCancel(.param("id")), use: StaffActivitiesController.cancelActivity)
        staff.post(.staffActivityProxy(.param("id")), use: StaffActivitiesController.proxy)
        staff.on(.POST, SiteURL.staffActivityHeadcount(.param("id")).pathComponents, body: .collect(maxSize: "6mb"), use: StaffActivitiesController.headcount)
        staff.on(.POST, SiteURL.staffActivityPhoto(.param("id")).pathComponents, body: .collect(maxSize: "6mb"), use: StaffActivitiesController.photo)
        staff.post(.staffActivityRegistrationCancel(.param("id"), .param("registration")), use: StaffActivitiesController.cancelRegistration)
        staff.post(.staffActivityRegistrationContact(.param("id"), .param("registration")), use: StaffActivitiesController.contact)
        staff.get(.staffCheckIn(.param("id")), use: CheckInController.page)
        staff.post(.staffCheckIn(.param("id")), use: CheckInController.submit)
        staff.get(.staffCheckInCounts(.param("id")), use: CheckInController.counts)
        staff.get(.staffBookings, use: StaffBookingsController.index)
        staff.get(.staffUpload(":name"), use: Uploads.serve)
        staff.post(.staffBookingApprove(.param("id")), use: StaffBookingsController.approve)
        staff.post(.staffBookingDecline(.param("id")), use: StaffBookingsController.decline)
    }
    do { // Staff: ratings and complaints
        staff.get(.staffRatings, use: StaffRatingsController.index)
        staff.post(.staffRatingHide(.param("id")), use: StaffRatingsController.hide)
        staff.post(.staffRatingRestore(.param("id")), use: StaffRatingsController.restore)
        staff.get(.staffComplaints, use: StaffComplaintsController.index)
        staff.get(.staffComplaint(.param("id")), use: StaffComplaintsController.show)
        staff.get(.staffComplaintPhoto(.param("id")), use: StaffComplaintsController.photo)
        staff.post(.staffComplaintAccept(.param("id")), use: StaffComplaintsController.accept)
        staff.post(.staffComplaintAnswer(.param("id")), use: StaffComplaintsController.answer)
        staff.post(.staffComplaintClose(.param("id")), use: StaffComplaintsController.close)
    }
    do { // Staff: accounts
        staff.get(.staffAccounts, use: StaffAccountsController.index)
        staff.get(.staffAccountNew, use: StaffAccountsController.new)
        staff.post(.staffAccountNew, use: StaffAccountsController.create)
        staff.post(.staffAccountUnlock(.param("id")), use: StaffAccountsController.unlock)
        staff.get(.staffAccountPassword(.param("id")), use: PasswordController.resetPage)
        staff.post(.staffAccountPassword(.param("id")), use: PasswordController.reset)
    }

    let api = app.grouped("api", "v1").grouped(APITokenAuthenticator(), AuditContextMiddleware())
    do { // JSON API: public reads
        api.get("openapi.json", use: OpenAPIDocument.serve)
        api.get("regions", use: APIRegionController.index)
        api.get("regions", ":id", use: APIRegionController.show)
        api.get("venues", use: APIVenueController.index)
        api.get("venues", ":id", use: APIVenueController.show)
        api.get("venues", ":id", "spaces", use: APISpaceController.index)
        api.get("spaces", ":id", use: APISpaceController.show)
        api.get("notices", use: APINoticeController.index)
        api.get("notices", ":id", use: APINoticeController.show)
        api.get("activities", use: APIActivityController.index)
        api.get("activities", ":id", use: APIActivityController.show)
        api.get("activities", ":id", "ratings", use: APIFeedbackController.activityRatings)
        api.get("venues", ":id", "ratings", use: APIFeedbackController.venueRatings)
        api.get("satisfaction", use: APIFeedbackController.satisfaction)
    }
    do { // JSON API: any signed-in account (citizens register and book)
        let signedIn = api.grouped(Account.guardMiddleware(throwing: AppError.unauthorized))
        signedIn.post("activities", ":id", "registrations", use: APIActivityController.register)
        signedIn.get("me", "registrations", use: APIActivityController.mine)
        signedIn.post("registrations", ":id", "cancel", use: APIActivityController.cancel)
        signedIn.post("spaces", ":id", "bookings", use: APIBookingController.request)
        signedIn.post("activities", ":id", "ratings", use: APIFeedbackController.rateActivity)
        signedIn.post("venues", ":id", "ratings", use: APIFeedbackController.rateVenue)
        signedIn.post("complaints", use: APIFeedbackController.createComplaint)
        signedIn.get("me", "complaints", use: APIFeedbackController.myComplaints)
    }
    let staffAPI = api.grouped(StaffAPIGuard())
    do { // JSON API: staff, within scope
        staffAPI.get("manage", "regions", use: APIRegionController.manageIndex)
        staffAPI.get("manage", "regions", ":id", use: APIRegionController.manageShow)
        staffAPI.get("manage", "venues", use: APIVenueController.manageIndex)
        staffAPI.get("manage", "venues", ":id", use: APIVenueController.manageShow)
        staffAPI.post("regions", use: APIRegionController.create)
        staffAPI.patch("regions", ":id", use: APIRegionController.update)
        staffAPI.post("venues", use: APIVenueController.create)
        staffAPI.patch("venues", ":id", use: APIVenueController.update)
        staffAPI.put("venues", ":id", "hours", use: APIVenueController.replaceHours)
        staffAPI.post("venues", ":id", "spaces", use: APISpaceController.create)
        staffAPI.patch("spaces", ":id", use: APISpaceController.update)
        staffAPI.delete("spaces", ":id", use: APISpaceController.delete)
        staffAPI.post("venues", ":id", "notices", use: APINoticeController.create)
        staffAPI.patch("notices", ":id", use: APINoticeController.update)
        staffAPI.post("activities", ":id", "checkins", use: APIActivityController.checkIn)
        staffAPI.post("bookings", ":id", "approve", use: APIBookingController.approve)
        staffAPI.post("bookings", ":id", "decline", use: APIBookingController.decline)
        staffAPI.get("manage", "complaints", use: APIFeedbackController.manageComplaints)
        staffAPI.post("complaints", ":id", "answer", use: APIFeedbackController.answerComplaint)
    }
    // Unknown API paths answer in JSON too.
    api.get("**", use: { _ -> Response in throw AppError.notFound })
}

extension String {
    func asResponse() -> Response { Layout.response(self) }
}
