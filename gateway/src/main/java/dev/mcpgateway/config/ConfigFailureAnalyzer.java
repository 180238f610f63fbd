package dev.mcpgateway.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns an invalid {@code routes.yaml} at start-up into a short report naming each key path, instead of a stack trace. */
final class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
        return new FailureAnalysis(
                cause.getMessage(),
                "Fix the listed keys (see docs/configuration.md) and start the gateway again.",
                cause);
    }
}
