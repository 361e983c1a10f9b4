package dev.tributary.segmentation;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.tributary.support.outbox.OutboxWriter;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void shouldLeaveTheAudienceOutboxToTheMembershipPackage() {
        noClasses().that().resideOutsideOfPackage("..segmentation.membership..").should().dependOnClassesThat()
                .areAssignableTo(OutboxWriter.class)
                .check(classes);
    }

    /**
     * The membership tables have one owner (ADR 0032): no SQL outside the {@code membership} package names them, but
     * for {@code inSegment}, whose compiled rule reads the table (its name and columns are part of the language).
     */
    @Test
    void shouldNameTheMembershipTablesOnlyInTheMembershipPackage() throws IOException {
        Path main = Path.of("src/main/java/dev/tributary/segmentation");
        Pattern table = Pattern.compile("(?<!tributary\\.)segmentation\\.(membership(_history|_count)?|outbox)\\b"
                + "|\\b(FROM|JOIN|INTO|UPDATE|TABLE|ANALYZE)\\s+(membership(_history|_count)?|outbox)\\b");
        List<String> named;
        try (Stream<Path> files = Files.walk(main)) {
            named = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !f.startsWith(main.resolve("membership")))
                    .filter(f -> !f.equals(main.resolve("language/InSegmentCompiler.java")))
                    .filter(f -> table.matcher(read(f)).find())
                    .map(f -> main.relativize(f).toString())
                    .toList();
        }
        assertThat(named).isEmpty();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
