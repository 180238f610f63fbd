package dev.mcpgateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package structure of DESIGN.md §1, enforced: packages are free of cycles; {@code config} (immutable records
 * and their loading) sits at the bottom and knows nothing of the web; the small shared leaf {@code web} (error
 * vocabulary and its one writer, exchange attributes, MCP header names, Origin and CORS) sits on it; the feature
 * packages use only those two, the {@code store} infrastructure and each other without cycles; {@code proxy}
 * assembles every route's pipeline on top, and nothing depends on it.
 */
@AnalyzeClasses(
        packages = "dev.mcpgateway",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class PackageDependencyTest {

    private static final String[] FEATURES = {
        "dev.mcpgateway.token..",
        "dev.mcpgateway.discovery..",
        "dev.mcpgateway.mcp..",
        "dev.mcpgateway.authz..",
        "dev.mcpgateway.mrtr..",
        "dev.mcpgateway.ratelimit..",
        "dev.mcpgateway.resilience..",
        "dev.mcpgateway.observability..",
        "dev.mcpgateway.warmup.."
    };

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles =
            slices().matching("dev.mcpgateway.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule featuresDependOnlyDownward = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("config")
            .definedBy("dev.mcpgateway.config..")
            .layer("web")
            .definedBy("dev.mcpgateway.web..")
            .layer("store")
            .definedBy("dev.mcpgateway.store..")
            .layer("features")
            .definedBy(FEATURES)
            .layer("proxy")
            .definedBy("dev.mcpgateway.proxy..")
            .whereLayer("proxy")
            .mayNotBeAccessedByAnyLayer()
            .whereLayer("features")
            .mayOnlyBeAccessedByLayers("proxy")
            .whereLayer("store")
            .mayOnlyBeAccessedByLayers("features", "proxy")
            .whereLayer("web")
            .mayOnlyBeAccessedByLayers("store", "features", "proxy");

    @ArchTest
    static final ArchRule configurationKnowsNothingOfTheWeb = noClasses()
            .that()
            .resideInAPackage("dev.mcpgateway.config..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.mcpgateway.web..",
                    "org.springframework.web..",
                    "org.springframework.http.server..",
                    "org.springframework.cloud.gateway..",
                    "reactor.netty..")
            .because("configuration records are plain data, built and validated at load time");

    @ArchTest
    static final ArchRule sharedLeafDependsOnNoFeature = noClasses()
            .that()
            .resideInAPackage("dev.mcpgateway.web..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(FEATURES)
            .because("every feature depends on web, so web depending on a feature is a cycle waiting to happen");
}
