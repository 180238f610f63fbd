package dev.mcpgateway.load.scg;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Stock Spring Cloud Gateway: the gateway starter, one route from {@code stock-scg.properties}, no security, no
 * actuator, no custom filter. The distance between this and the MCP gateway is what the gateway's own pipeline
 * (Spring Security, token validation, MCP inspection, rate limits, resilience) costs. The properties file has its
 * own name so that it never configures another Spring application on the same class path (the smoke test's).
 */
@SpringBootApplication
public class StockGatewayApplication {

    /** {@code stock-scg --server.port=9300 --bench.upstream=http://127.0.0.1:9100}. */
    public static void main(String[] arguments) {
        new SpringApplicationBuilder(StockGatewayApplication.class)
                .properties("spring.config.name=stock-scg")
                .run(arguments);
    }
}
