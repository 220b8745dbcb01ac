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
