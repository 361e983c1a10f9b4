package dev.tributary.segmentation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tributary.segmentation");

    @Test
    void shouldHaveNoCyclesBetweenFeatures() {
        slices().matching("dev.tributary.segmentation.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void shouldKeepTheLanguageFreeOfSpringAndOfTheOtherFeatures() {
        noClasses().that().resideInAPackage("..segmentation.language..").should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta.persistence..", "..segmentation.definition..",
                        "..segmentation.evaluation..", "..segmentation.membership..")
                .check(classes);
    }

    @Test
    void shouldLeaveDefinitionsIndependentOfEvaluationAndMembership() {
        noClasses().that().resideInAPackage("..segmentation.definition..").should().dependOnClassesThat()
                .resideInAnyPackage("..segmentation.evaluation..", "..segmentation.membership..")
                .check(classes);
    }

    @Test
    void shouldReadProfilesOnlyThroughTheirViewsNeverTheirCode() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.tributary.profile..", "dev.tributary.ingestion..", "dev.tributary.activation..")
                .check(classes);
    }
}
