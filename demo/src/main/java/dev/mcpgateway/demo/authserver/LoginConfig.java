package dev.mcpgateway.demo.authserver;

import java.time.Duration;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.CorsConfigurationSource;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Form login for the demo user and CORS for browser-based MCP clients on loopback origins (the
 * MCP Inspector fetches metadata, registers and redeems codes from the browser).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class LoginConfig {

    static final String LOGIN_PAGE = "/login";

    @Bean
    @Order(2)
    SecurityFilterChain login(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests((authorize) -> authorize.anyRequest().authenticated())
                .formLogin(Customizer.withDefaults())
                .cors(Customizer.withDefaults());
        return http.build();
    }

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(User.withUsername(DemoClients.USERNAME)
                .password("{noop}" + DemoClients.PASSWORD)
                .roles("USER")
                .build());
    }

    /** Picked up by name by {@code cors(withDefaults())} in both filter chains. */
    @Bean
    CorsConfigurationSource corsConfigurationSource() {
        CorsConfiguration loopback = new CorsConfiguration();
        loopback.setAllowedOriginPatterns(List.of("http://localhost:[*]", "http://127.0.0.1:[*]"));
        loopback.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        loopback.setAllowedHeaders(List.of("*"));
        loopback.setMaxAge(Duration.ofHours(1));
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/**", loopback);
        return source;
    }
}
