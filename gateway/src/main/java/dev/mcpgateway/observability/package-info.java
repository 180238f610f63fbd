/**
 * What the gateway tells operators about itself: which of the frameworks' per-request observations run (none by
 * default: they cost a measurable share of every request), and the gateway's own metrics with bounded tags.
 */
@NullMarked
package dev.mcpgateway.observability;

import org.jspecify.annotations.NullMarked;
