package dev.mcpgateway.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Marks a test class that starts real {@code redis-server} processes ({@link RedisTestServer}), and with
 * {@link #sentinel()} also sentinels. On a developer's machine without the binaries the class is skipped, with a
 * message saying how to install them; under CI ({@code CI=true}, which {@code .ci/run} sets) it always runs, so a
 * missing binary fails the build instead of silently dropping the Redis tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRedis.Condition.class)
public @interface RequiresRedis {

    /**
     * The class also starts sentinels: {@code redis-sentinel} (Debian's {@code redis-sentinel} package), or else
     * {@code redis-server --sentinel}, which is the same program.
     */
    boolean sentinel() default false;

    /** Decides before the class is initialized, so its static Redis servers are never started when skipped. */
    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            boolean sentinels = context.getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresRedis.class))
                    .map(RequiresRedis::sentinel)
                    .orElse(false);
            String needed = sentinels ? "redis-server and redis-sentinel" : "redis-server";
            // A sentinel is redis-server in sentinel mode (Debian's redis-sentinel links to the same program), so
            // redis-server is all any of these tests needs; a missing redis-sentinel only changes the command line.
            if (onPath("redis-server")) {
                return ConditionEvaluationResult.enabled(needed + " installed");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled(
                        "CI=true: Redis tests are mandatory (and will fail without " + needed + ")");
            }
            return ConditionEvaluationResult.disabled(needed + " not installed: skipping the Redis tests (apt-get "
                    + "install " + needed.replace(" and ", " ") + "; with CI=true they run and fail instead)");
        }

        static boolean onPath(String binary) {
            String path = System.getenv("PATH");
            if (path == null) {
                return false;
            }
            for (String directory : path.split(java.io.File.pathSeparator)) {
                if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, binary))) {
                    return true;
                }
            }
            return false;
        }
    }
}
