package dev.mcpgateway.load.smoke;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The real gateway, started in the test's JVM on a free loopback port. It gets Reactor Netty event loops of its own,
 * because closing a context that uses the global resources would dispose them under the benchmark upstream and the
 * stream client, which use the global ones.
 *
 * <p>The gateway's classes come from {@code gateway/target/classes} (see the Surefire configuration in
 * {@code load-tests/pom.xml}): the module's jar in the reactor is the repackaged Spring Boot jar, whose classes sit
 * under {@code BOOT-INF/} where no class loader but Boot's finds them. So the application class is named, not imported.
 */
final class InProcessGateway {

    private InProcessGateway() {}

    private static final String APPLICATION = "dev.mcpgateway.McpAuthGatewayApplication";

    static ConfigurableApplicationContext start(Path routes, int port) throws ClassNotFoundException {
        return new SpringApplicationBuilder(Class.forName(APPLICATION))
                .web(WebApplicationType.REACTIVE)
                .registerShutdownHook(false)
                .initializers(context -> context.getBeanFactory().addBeanPostProcessor(new OwnReactorResources()))
                .run(
                        "--gateway.routes-file=" + routes,
                        "--server.port=" + port,
                        "--management.server.port=" + port,
                        "--server.address=127.0.0.1",
                        "--spring.main.banner-mode=off",
                        "--spring.jmx.enabled=false",
                        "--gateway.shutdown-grace-period=0s");
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
