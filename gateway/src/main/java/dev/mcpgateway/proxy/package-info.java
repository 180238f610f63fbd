/**
 * The top of the layering: the route locator that assembles each route's pipeline from the features, and the
 * proxying steps (request and response headers, path, framing, streaming).
 */
@NullMarked
package dev.mcpgateway.proxy;

import org.jspecify.annotations.NullMarked;
