package dev.mcpgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.web.server.ServerWebExchange;

/** The same verdicts as Spring Security's strict-firewall patterns, for names and values alike. */
class FieldCharactersTest {

    private static final Predicate<String> NAME_PATTERN =
            Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*").asMatchPredicate();
    private static final Predicate<String> VALUE_PATTERN =
            Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*").asMatchPredicate();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "Authorization",
                "Bearer eyJ.abc-_~+/=",
                "a\tb",
                "tab at end\t",
                "nul\u0000",
                "bell\u0007",
                "del\u007F",
                "c1\u0085",
                "nbsp\u00A0",
                "unassigned\u0378",
                "line\u2028separator",
                "emoji \uD83D\uDE00",
                "lone surrogate \uD800",
                "é ü ß 中文",
                "private use \uE000",
                "cr\r",
                "lf\n"
            })
    void agreesWithTheStrictFirewallPatterns(String text) {
        assertThat(FieldCharacters.isAllowedName(text)).isEqualTo(NAME_PATTERN.test(text));
        assertThat(FieldCharacters.isAllowedValue(text)).isEqualTo(VALUE_PATTERN.test(text));
    }

    @Test
    void theFirewallAnswersNullForAnAbsentHeaderAndRefusesAControlCharacter() {
        ServerWebExchangeFirewall firewall = new GatewaySecurityConfiguration().requestFirewall();
        ServerWebExchange exchange = firewall.getFirewalledExchange(MockServerWebExchange.from(
                        MockServerHttpRequest.post("/mcp").header("X-Odd", "a\u0007b")))
                .block();

        assertThat(exchange.getRequest().getHeaders().getFirst("Mcp-Method")).isNull();
        assertThatThrownBy(() -> exchange.getRequest().getHeaders().getFirst("X-Odd"))
                .isInstanceOf(ServerExchangeRejectedException.class);
    }
}
