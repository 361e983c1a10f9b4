package dev.tributary.profile;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

class ArchitectureTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.tributary.profile");

    @Test
    void shouldHaveNoCyclesBetweenFeatures() {
        slices().matching("dev.tributary.profile.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void shouldNotKnowAboutSegmentsOrDestinations() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("dev.tributary.segmentation..", "dev.tributary.activation..", "dev.tributary.ingestion..")
                .check(classes);
    }

    @Test
    void shouldKeepTheIdentityModelFreeOfSqlSpringAndItsStores() {
        // the identity rules are plain values, tested without a database (ADR 0031)
        noClasses().that().resideInAPackage("dev.tributary.profile.identity.model..").should().dependOnClassesThat()
                .resideInAnyPackage("java.sql..", "javax.sql..", "org.springframework..", "dev.tributary.profile.identity")
                .check(classes);
    }

    @Test
    void shouldKeepTheWriteSideOutOfTheQueryApi() {
        noClasses().that().resideInAPackage("..query..").should().dependOnClassesThat()
                .resideInAnyPackage("..ingest..", "..identity..", "..merge..", "..fragment..")
                .check(classes);
    }
}
