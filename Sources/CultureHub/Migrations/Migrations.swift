import Fluent

enum AppMigrations {
    /// In landing order; never reorder or rename (Fluent names a migration after its type).
    static func register(on migrations: FluentKit.Migrations, settings: Settings) {
        migrations.add(CreateRegion())
        migrations.add(CreateVenue())
        migrations.add(CreateVenueDetails())
        migrations.add(CreateAccount())
        migrations.add(SessionRecord.migration)
        migrations.add(CreateServiceItem())
        migrations.add(CreateActivity())
        migrations.add(CreateSpaceBooking())
        migrations.add(CreateSpaceHours())
        migrations.add(CreateAuditLog())
        migrations.add(AddAccountSecurity())
        migrations.add(CreateRateLimits())
        migrations.add(CreateFeedback())
        migrations.add(CreateSurveys())
        migrations.add(CreateCitizenProfiles())
        migrations.add(CreateDemands())
        migrations.add(CreateServiceOrders())
        migrations.add(CreateActivityReports(rule: settings.reportingRule, timeZone: settings.displayTimeZone))
        migrations.add(CreateVillageBusyDays())
        migrations.add(AddDigitalServices())
        migrations.add(CreateProgrammes())
        migrations.add(CreateCirculations())
        migrations.add(AddHomeVillage())
        migrations.add(CreateVolunteers())
        migrations.add(CreateVolunteerService())
        migrations.add(CreateFolkTeams())
        migrations.add(CreateWorksAndCampaigns())
        migrations.add(CreateWorkforce())
        migrations.add(CreateEvaluation())
        migrations.add(CreateThirdPartyAndPlans())
        migrations.add(AddAccountLifecycle())
        migrations.add(CreateWebSessions())
    }
}
