/**
 * Reading and validating {@code routes.yaml} once per load into immutable configuration records; errors name the
 * key path. The bottom of the package layering: depends on nothing else in the gateway.
 */
@NullMarked
package dev.mcpgateway.config;

import org.jspecify.annotations.NullMarked;
