package dev.mcpgateway.proxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;

/**
 * The steps of one route after routing, in execution order, as Spring Cloud Gateway route filters. Spring Cloud
 * Gateway sorts a route's filters together with its global filters by order, and two of those fix where a step may
 * stand: a step that decorates the response must run before the response writer ({@link UpstreamAnswerWriter}, at
 * {@link NettyWriteResponseFilter}'s position, writes the response it finds on the exchange), and a step that surrounds
 * the upstream call must run right before the routing filter ({@link McpRoutingFilter}, at {@link NettyRoutingFilter}'s
 * position). So the steps come in three groups, and the orders are derived here from those two filters' own
 * constants, in list order; nowhere else does the gateway number a route step.
 */
final class RoutePipeline {

    /** Orders of the request steps start here, after the response writer. */
    private static final int AFTER_RESPONSE_WRITER = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER + 1;

    private final List<GatewayFilter> responseDecorators = new ArrayList<>();
    private final List<GatewayFilter> requestSteps = new ArrayList<>();
    private final List<GatewayFilter> aroundUpstreamCall = new ArrayList<>();

    /** A step that decorates the response (outermost first); it runs before the response writer. */
    RoutePipeline decorateResponse(GatewayFilter step) {
        responseDecorators.add(step);
        return this;
    }

    /** A step on the request, after the response decorators and before the upstream call. */
    RoutePipeline onRequest(GatewayFilter step) {
        requestSteps.add(step);
        return this;
    }

    /** A step that surrounds the upstream call itself (outermost first), directly before the routing filter. */
    RoutePipeline aroundUpstreamCall(GatewayFilter step) {
        aroundUpstreamCall.add(step);
        return this;
    }

    /** A response decorator the route may not need (empty: the route has no such step). */
    RoutePipeline decorateResponse(Optional<GatewayFilter> step) {
        step.ifPresent(this::decorateResponse);
        return this;
    }

    /** A request step the route may not need. */
    RoutePipeline onRequest(Optional<GatewayFilter> step) {
        step.ifPresent(this::onRequest);
        return this;
    }

    /** A step around the upstream call the route may not need. */
    RoutePipeline aroundUpstreamCall(Optional<GatewayFilter> step) {
        step.ifPresent(this::aroundUpstreamCall);
        return this;
    }

    /** The route's filters with their orders. */
    List<GatewayFilter> build() {
        List<GatewayFilter> filters = new ArrayList<>();
        int decorators = responseDecorators.size();
        for (int i = 0; i < decorators; i++) {
            int order = NettyWriteResponseFilter.WRITE_RESPONSE_FILTER_ORDER - decorators + i;
            filters.add(new OrderedGatewayFilter(responseDecorators.get(i), order));
        }
        for (int i = 0; i < requestSteps.size(); i++) {
            filters.add(new OrderedGatewayFilter(requestSteps.get(i), AFTER_RESPONSE_WRITER + i));
        }
        int around = aroundUpstreamCall.size();
        for (int i = 0; i < around; i++) {
            filters.add(new OrderedGatewayFilter(aroundUpstreamCall.get(i), NettyRoutingFilter.ORDER - around + i));
        }
        return List.copyOf(filters);
    }
}
