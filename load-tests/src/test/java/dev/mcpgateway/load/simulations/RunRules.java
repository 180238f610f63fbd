package dev.mcpgateway.load.simulations;

import static io.gatling.javaapi.core.CoreDsl.global;

import io.gatling.javaapi.core.Assertion;
import java.util.List;

/**
 * What makes a run fail. Speed is never asserted: figures on a shared machine are for reading, not for gates. In
 * strict mode (the smoke test) every request must have got its expected status and at least one must have been made.
 */
final class RunRules {

    private RunRules() {}

    static List<Assertion> assertions(LoadSettings settings) {
        return settings.strict()
                ? List.of(
                        global().failedRequests().count().is(0L),
                        global().allRequests().count().gt(0L))
                : List.of();
    }
}
