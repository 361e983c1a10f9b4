package dev.tributary.activation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tributary.activation");

    @Test
    void shouldHaveNoCyclesBetweenFeatures() {
        slices().matching("dev.tributary.activation.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void shouldKeepTheDestinationClientsFreeOfTheServicesFeatures() {
        noClasses().that().resideInAnyPackage("..activation.marketo..", "..activation.linkedin..", "..activation.secret..")
                .should().dependOnClassesThat().resideInAnyPackage("..activation.destination..",
                        "..activation.activation..", "..activation.delivery..")
                .check(classes);
    }

    @Test
    void shouldReadProfilesAndSegmentsOnlyThroughTheirViewsAndApisNeverTheirCode() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.tributary.profile..", "dev.tributary.segmentation..", "dev.tributary.ingestion..",
                        "dev.tributary.emulators..")
                .check(classes);
    }
}
