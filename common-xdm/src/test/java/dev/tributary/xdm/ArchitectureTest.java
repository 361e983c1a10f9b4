package dev.tributary.xdm;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** common-xdm is shared by every service, so it must pull in neither Spring nor any of them. */
@AnalyzeClasses(packages = "dev.tributary", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule shouldNotDependOnSpring = noClasses()
            .that().resideInAPackage("dev.tributary.xdm..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..");

    @ArchTest
    static final ArchRule shouldNotDependOnOtherTributaryModules = noClasses()
            .that().resideInAPackage("dev.tributary.xdm..")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "reside in dev.tributary outside dev.tributary.xdm",
                    c -> c.getPackageName().startsWith("dev.tributary.")
                            && !c.getPackageName().equals("dev.tributary.xdm")
                            && !c.getPackageName().startsWith("dev.tributary.xdm.")));
}
