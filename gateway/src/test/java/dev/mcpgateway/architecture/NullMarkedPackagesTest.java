package dev.mcpgateway.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.jspecify.annotations.NullMarked;

/**
 * NullAway checks only {@code @NullMarked} code ({@code -XepOpt:NullAway:OnlyNullMarked}), so a new package without
 * a {@code package-info.java} that says so would go unchecked without anyone noticing.
 */
@AnalyzeClasses(
        packages = "dev.mcpgateway",
        importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class NullMarkedPackagesTest {

    @ArchTest
    static final ArchRule everyMainPackageIsNullMarked = classes()
            .should(new ArchCondition<>("be in a @NullMarked package") {
                @Override
                public void check(JavaClass item, ConditionEvents events) {
                    if (!item.getPackage().isAnnotatedWith(NullMarked.class)) {
                        events.add(SimpleConditionEvent.violated(
                                item,
                                item.getSimpleName() + " is in " + item.getPackageName()
                                        + ", which has no package-info.java annotated @NullMarked"));
                    }
                }
            });
}
