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

/**
 * Marks a test class that starts real {@code redis-server} processes ({@link RedisTestServer}). On a developer's
 * machine without the binary the class is skipped, with a message saying how to install it; under CI
 * ({@code CI=true}, which {@code .ci/run} sets) it always runs, so a missing binary fails the build instead of
 * silently dropping the Redis tests.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRedis.Condition.class)
public @interface RequiresRedis {

    /** Decides before the class is initialized, so its static Redis servers are never started when skipped. */
    final class Condition implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            if (onPath("redis-server")) {
                return ConditionEvaluationResult.enabled("redis-server is installed");
            }
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                return ConditionEvaluationResult.enabled(
                        "CI=true: Redis tests are mandatory (and will fail without redis-server)");
            }
            return ConditionEvaluationResult.disabled("redis-server is not installed: skipping the Redis tests "
                    + "(apt-get install redis-server; with CI=true they run and fail instead)");
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
