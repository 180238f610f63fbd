package dev.mcpgateway.demo.authserver;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The authorization server's Spring application. Auto-configuration is an explicit list rather
 * than {@code @EnableAutoConfiguration}, so that starting it from a JVM whose classpath holds
 * other starters (the gateway's tests: WebFlux, Spring Cloud Gateway, actuator, Redis) brings in
 * nothing but a servlet container, Spring MVC and the security filter.
 */
@Configuration(proxyBeanMethods = false)
@ImportAutoConfiguration({
    PropertyPlaceholderAutoConfiguration.class,
    TomcatServletWebServerAutoConfiguration.class,
    DispatcherServletAutoConfiguration.class,
    HttpMessageConvertersAutoConfiguration.class,
    WebMvcAutoConfiguration.class,
    SecurityFilterAutoConfiguration.class
})
@Import({AuthorizationServerConfig.class, LoginConfig.class})
class AuthorizationServerApplication {}
