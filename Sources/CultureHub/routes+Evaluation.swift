import Vapor

/// Evaluation, inspections and rectification (R8.1–R8.5): the public rankings and the staff pages.
func evaluationRoutes(web: any RoutesBuilder, staff: any RoutesBuilder) {
    do { // Public: published rankings
        web.get(.evaluation(.published), use: PublicEvaluationController.index)
        web.get(.evaluation(.publishedRun(.param("id"))), use: PublicEvaluationController.show)
    }
    do { // Staff: schemes, runs, drill-down, exports, shortfall
        staff.get(.evaluation(.home), use: EvaluationController.home)
        staff.get(.evaluation(.schemes(":type")), use: SchemeController.show)
        staff.post(.evaluation(.schemes(":type")), use: SchemeController.save)
        staff.post(.evaluation(.runs), use: EvaluationController.compute)
        staff.get(.evaluation(.run(.param("id"))), use: EvaluationController.show)
        staff.post(.evaluation(.runStep(.param("id"), ":step")), use: EvaluationController.step)
        staff.get(.evaluation(.runUnit(.param("id"), .param("unit"))), use: EvaluationUnitView.show)
        staff.get(.evaluation(.runRecords(.param("id"), .param("unit"))), use: EvaluationRecords.list)
        staff.get(.evaluation(.runDiff(.param("id"))), use: EvaluationDiff.page)
        staff.get(.evaluation(.runPrint(.param("id"))), use: EvaluationExport.print)
        staff.get(.evaluation(.runXLSX(.param("id"))), use: EvaluationExport.xlsx)
        staff.get(.evaluation(.runCSV(.param("id"))), use: EvaluationExport.csv)
        staff.get(.evaluation(.shortfall), use: ShortfallController.page)
        staff.get(.evaluation(.integrity), use: IntegrityController.page)
    }
    do { // Staff: inspections and rectification
        staff.get(.evaluation(.inspections), use: InspectionController.index)
        staff.post(.evaluation(.inspections), use: InspectionController.create)
        staff.get(.evaluation(.inspection(.param("id"))), use: RectificationController.inspection)
        staff.get(.evaluation(.rectifications), use: RectificationController.list)
        staff.post(.evaluation(.rectification(.param("id"), ":action")), use: RectificationController.act)
        staff.get(.evaluation(.thirdParty), use: ThirdPartyController.page)
        staff.post(.evaluation(.thirdPartyImport), use: ThirdPartyController.importFile)
        staff.post(.evaluation(.thirdPartyEntry), use: ThirdPartyController.entry)
        staff.get(.evaluation(.plans), use: PlanController.page)
        staff.get(.evaluation(.tableExport(":table", ":format")), use: EvaluationTables.download)
        staff.post(.evaluation(.plans), use: PlanController.create)
        staff.post(.evaluation(.planMeasures(.param("id"))), use: PlanController.addMeasure)
        staff.post(.evaluation(.measureProgress(.param("id"))), use: PlanController.progress)
    }
}

/// Evaluation in `/api/v1`: published runs for everyone; schemes, runs, drill-down, gaps,
/// integrity flags, inspections, rectification, third-party results and plans for staff in scope.
func evaluationAPIRoutes(api: any RoutesBuilder, staff: any RoutesBuilder) {
    api.get("evaluation", "runs", use: APIEvaluationController.publicRuns)
    api.get("evaluation", "runs", ":id", use: APIEvaluationController.publicRun)

    staff.get("manage", "evaluation", "schemes", use: APIEvaluationController.schemes)
    staff.post("evaluation", "schemes", use: APIEvaluationController.saveScheme)
    staff.get("manage", "evaluation", "runs", use: APIEvaluationController.runs)
    staff.post("evaluation", "runs", use: APIEvaluationController.compute)
    staff.get("manage", "evaluation", "runs", ":id", use: APIEvaluationController.run)
    staff.get("manage", "evaluation", "runs", ":id", "units", ":unitId", use: APIEvaluationController.unit)
    staff.get("manage", "evaluation", "runs", ":id", "diff", use: APIEvaluationController.diff)
    for action in ["recompute", "submit", "return", "publish"] {
        staff.post("evaluation", "runs", ":id", PathComponent(stringLiteral: action)) { try await APIEvaluationController.step(req: $0, action) }
    }
    staff.get("manage", "evaluation", "shortfall", use: APIEvaluationController.shortfall)
    staff.get("manage", "evaluation", "integrity", use: APIEvaluationController.integrity)

    staff.get("manage", "inspections", use: APIInspectionController.index)
    staff.get("manage", "inspections", ":id", use: APIInspectionController.show)
    staff.post("inspections", use: APIInspectionController.create)
    staff.get("manage", "rectification-tasks", use: APIInspectionController.tasks)
    for action in ["respond", "verify", "reopen"] {
        staff.post("rectification-tasks", ":id", PathComponent(stringLiteral: action)) { try await APIInspectionController.act(req: $0, action) }
    }
    staff.get("manage", "third-party-results", use: APIThirdPartyController.index)
    staff.post("third-party-results", use: APIThirdPartyController.create)
    staff.get("manage", "plans", use: APIPlanController.index)
    staff.post("plans", use: APIPlanController.create)
    staff.post("plans", ":id", "measures", use: APIPlanController.addMeasure)
    staff.post("plan-measures", ":id", "progress", use: APIPlanController.progress)
}
