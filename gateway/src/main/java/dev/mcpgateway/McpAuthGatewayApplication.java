package dev.mcpgateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The gateway. Reactive by design: every request path is non-blocking, and response streams are
 * relayed chunk by chunk. The request pipeline is assembled in two places: the steps before routing, at Spring
 * Security's filter positions, in {@code proxy.GatewaySecurityConfiguration}, and each route's steps after routing in
 * {@code proxy.McpRouteLocator}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(
        excludeFilters = {
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
            @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
            // The demo (a servlet authorization server and MCP upstream) shares the package root on the
            // test classpath; it runs in its own application contexts, never inside the gateway's.
            @ComponentScan.Filter(type = FilterType.REGEX, pattern = "dev\\.mcpgateway\\.demo\\..*")
        })
public class McpAuthGatewayApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(McpAuthGatewayApplication.class);
        application.setWebApplicationType(WebApplicationType.REACTIVE);
        application.run(args);
    }
}
