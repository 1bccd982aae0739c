package io.iamgate.arch;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layers of README "Layout", enforced on the production classes: the engine is framework-free,
 * the sidecar runtime never loads tooling, {@code compile} never calls a reference evaluator, and
 * every package says its role in a {@code package-info.java}.
 */
class LayersTest {
    /** The framework-free engine: bytes and bundles in, decisions out. */
    static final String[] ENGINE = {"io.iamgate.policy..", "io.iamgate.match..", "io.iamgate.eval..", "io.iamgate.compile..",
            "io.iamgate.bundle..", "io.iamgate.authz..", "io.iamgate.presign..", "io.iamgate.validate..", "io.iamgate.json..",
            "io.iamgate.memo..", "io.iamgate.sim..", "io.iamgate.trace.."};
    static final String[] FRAMEWORKS = {"io.quarkus..", "io.vertx..", "jakarta.ws.rs..", "jakarta.enterprise..", "jakarta.inject..",
            "io.micrometer..", "io.prometheus..", "io.smallrye..", "org.eclipse.microprofile..", "org.jboss.resteasy.."};

    static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.iamgate");
        assertTrue(classes.size() > 100, "imported " + classes.size() + " classes");
    }

    @Test
    void theEngineImportsNoFramework() {
        noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .because("the engine (policy … trace) is plain Java; only api and runtime adapt it to Quarkus").check(classes);
    }

    @Test
    void theEngineKnowsNothingOfTheSidecarOrTheCommandLine() {
        noClasses().that().resideInAnyPackage(ENGINE).should().dependOnClassesThat()
                .resideInAnyPackage("io.iamgate.api..", "io.iamgate.runtime..", "io.iamgate.cli..").check(classes);
    }

    @Test
    void theSidecarNeverLoadsTooling() {
        ArchRule rule = noClasses().that().resideInAnyPackage(concat(ENGINE, "io.iamgate.api..", "io.iamgate.runtime.."))
                .should().dependOnClassesThat().resideInAnyPackage("io.iamgate.tools..")
                .because("trace replay, generation and the Cerbos translation are tools (io.iamgate.tools), not the sidecar");
        rule.check(classes);
    }

    @Test
    void authzDoesNotDependOnTooling() {
        noClasses().that().resideInAPackage("io.iamgate.authz..").should().dependOnClassesThat()
                .resideInAnyPackage("io.iamgate.tools..", "io.iamgate.cli..").check(classes);
    }

    @Test
    void compileDoesNotCallAReferenceEvaluator() {
        noClasses().that().resideInAPackage("io.iamgate.compile..").should().dependOnClassesThat().haveSimpleNameEndingWith("Evaluator")
                .because("compiled plans are the decision path; a reference evaluator is for tests and differential checks").check(classes);
    }

    @Test
    void toolingDoesNotDependOnTheSidecarRuntime() {
        noClasses().that().resideInAPackage("io.iamgate.tools..").should().dependOnClassesThat()
                .resideInAnyPackage("io.iamgate.api..", "io.iamgate.runtime..").check(classes);
    }

    @Test
    void everyPackageSaysItsRole() throws Exception {
        Path root = Path.of("src/main/java");
        List<String> missing = new ArrayList<>();
        try (Stream<Path> dirs = Files.walk(root)) {
            for (Path d : dirs.filter(Files::isDirectory).toList()) {
                boolean hasClasses;
                try (Stream<Path> files = Files.list(d)) {
                    hasClasses = files.anyMatch(f -> f.toString().endsWith(".java") && !f.getFileName().toString().equals("package-info.java"));
                }
                if (hasClasses && !Files.exists(d.resolve("package-info.java"))) {
                    missing.add(root.relativize(d).toString());
                }
            }
        }
        assertEquals(List.of(), missing, "packages without package-info.java");
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
