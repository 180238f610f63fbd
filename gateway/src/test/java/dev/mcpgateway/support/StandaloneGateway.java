package dev.mcpgateway.support;

import dev.mcpgateway.McpAuthGatewayApplication;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * A gateway started by a test itself (a second replica, a start-up failure, a shutdown), beside the
 * {@code @SpringBootTest} contexts. It gets Reactor Netty event loops of its own: closing a context
 * that uses the global resources disposes them for the whole JVM, which would silently kill every
 * other test server and client running on them. The test owns its lifecycle: no JVM shutdown hook.
 */
public final class StandaloneGateway {

    private StandaloneGateway() {}

    /** Starts a gateway on {@code routes} and {@code port} (loopback), with extra {@code --key=value} arguments. */
    public static ConfigurableApplicationContext start(Path routes, int port, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--gateway.routes-file=" + routes,
                "--server.port=" + port,
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--spring.jmx.enabled=false"));
        arguments.addAll(List.of(extraArguments));
        return new SpringApplicationBuilder(McpAuthGatewayApplication.class)
                .web(WebApplicationType.REACTIVE)
                .registerShutdownHook(false)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new OwnReactorResources()))
                .run(arguments.toArray(String[]::new));
    }

    private static final class OwnReactorResources implements BeanPostProcessor {

        @Override
        public Object postProcessBeforeInitialization(Object bean, String beanName) {
            if (bean instanceof ReactorResourceFactory factory) {
                factory.setUseGlobalResources(false);
            }
            return bean;
        }
    }
}
