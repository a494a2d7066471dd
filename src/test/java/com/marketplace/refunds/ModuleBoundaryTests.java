package com.marketplace.refunds;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The feature packages' boundaries of STYLE.md: insides stay inside, dependencies go one way. */
class ModuleBoundaryTests {

    private static final String BASE = "com.marketplace.refunds";
    private static final List<String> FEATURES = List.of("intake", "refund", "settlement", "reconciliation",
            "stuck", "nightly", "archive", "action", "shared", "simulate", "cli", "partition");
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(BASE);
    }

    @Test
    void featureInternalsAreUsedOnlyInsideTheirFeature() {
        for (String feature : FEATURES) {
            classes().that().resideInAPackage(BASE + "." + feature + ".internal..")
                    .should().onlyBeAccessed().byAnyPackage(BASE + "." + feature + "..")
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void sharedKnowsNoFeature() {
        noClasses().that().resideInAPackage(BASE + ".shared..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..",
                        BASE + ".nightly..", BASE + ".simulate..", BASE + ".cli..", BASE + ".settlement..", BASE + ".reconciliation..")
                .check(classes);
    }

    @Test
    void theArchiveKnowsOnlyTheSharedTypes() {
        noClasses().that().resideInAPackage(BASE + ".archive..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..",
                        BASE + ".nightly..", BASE + ".simulate..", BASE + ".cli..", BASE + ".settlement..", BASE + ".reconciliation..",
                        BASE + ".stuck..")
                .check(classes);
    }

    @Test
    void actionsKnowOnlyTheSharedTypes() {
        noClasses().that().resideInAPackage(BASE + ".action..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..",
                        BASE + ".nightly..", BASE + ".simulate..", BASE + ".cli..", BASE + ".settlement..", BASE + ".reconciliation..",
                        BASE + ".stuck..", BASE + ".archive..")
                .check(classes);
    }

    @Test
    void settlementKnowsOnlyTheSharedTypes() {
        noClasses().that().resideInAPackage(BASE + ".settlement..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..",
                        BASE + ".nightly..", BASE + ".simulate..", BASE + ".cli..", BASE + ".reconciliation..")
                .check(classes);
    }

    @Test
    void reconciliationKnowsNoOtherFeatureButTheSettlementFilesItReads() {
        noClasses().that().resideInAPackage(BASE + ".reconciliation..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..",
                        BASE + ".nightly..", BASE + ".simulate..", BASE + ".cli..")
                .check(classes);
    }

    @Test
    void stuckRefundsKnowOnlyTheSharedTypes() {
        noClasses().that().resideInAPackage(BASE + ".stuck..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..",
                        BASE + ".nightly..", BASE + ".simulate..", BASE + ".cli..", BASE + ".settlement..", BASE + ".reconciliation..")
                .check(classes);
    }

    @Test
    void refundDomainKnowsNothingOfIntakeOrTheJob() {
        noClasses().that().resideInAPackage(BASE + ".refund..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".nightly..",
                        BASE + ".simulate..", BASE + ".cli..", BASE + ".settlement..")
                .check(classes);
    }

    @Test
    void intakeKnowsNothingOfRefundsOrTheJob() {
        noClasses().that().resideInAPackage(BASE + ".intake..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".refund..", BASE + ".nightly..",
                        BASE + ".simulate..", BASE + ".cli..")
                .check(classes);
    }

    /** Where parts run (threads or remote workers) is the job's concern, not the steps': it knows no feature (issue 15). */
    @Test
    void thePartitionsKnowOnlyTheSharedTypes() {
        noClasses().that().resideInAPackage(BASE + ".partition..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..",
                        BASE + ".nightly..", BASE + ".simulate..", BASE + ".cli..", BASE + ".settlement..",
                        BASE + ".reconciliation..", BASE + ".stuck..", BASE + ".archive..", BASE + ".action..")
                .check(classes);
    }

    @Test
    void theDropGeneratorStandsAlone() {
        noClasses().that().resideInAPackage(BASE + ".simulate.drop..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..",
                        BASE + ".nightly..", BASE + ".reconciliation..", BASE + ".cli..")
                .check(classes);
    }

    /** The demo tools and the command line may use the features; no feature uses them (issue 14). */
    @Test
    void noFeatureUsesTheSimulatorsOrTheCommandLine() {
        noClasses().that().resideInAnyPackage(BASE + ".intake..", BASE + ".refund..", BASE + ".settlement..",
                        BASE + ".reconciliation..", BASE + ".stuck..", BASE + ".nightly..", BASE + ".archive..",
                        BASE + ".action..", BASE + ".shared..", BASE + ".partition..")
                .should().dependOnClassesThat().resideInAnyPackage(BASE + ".simulate..", BASE + ".cli..")
                .check(classes);
    }

    @Test
    void theSimulatorsKnowNothingOfTheCommandLine() {
        noClasses().that().resideInAPackage(BASE + ".simulate..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".cli..")
                .check(classes);
    }
}
