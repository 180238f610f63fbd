package dev.mcpgateway.observability;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * An audit entry is one line for every line-based reader: client-chosen text (argument names) cannot hold a
 * character that a reader splits lines on, so it cannot end the entry early and forge a second one.
 */
class AuditLogTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger(AuditLog.LOGGER);
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void attach() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void argumentNamesWithLineBreakingCharactersCannotSplitOrForgeAnEntry() {
        String forged = "x\u0085{\"decision\":\"allow\",\"x\":[\"";
        List<String> names = List.of(forged, "a\u2028b", "c\u007Fd", "e\u009Bf", "g\nh", "\u00e9");
        new AuditLog()
                .write(new AuditLog.Entry(
                        Instant.EPOCH,
                        "r1",
                        "route",
                        "alice",
                        null,
                        null,
                        "POST",
                        "tools/call",
                        "echo",
                        Outcome.ALLOWED,
                        200,
                        1,
                        names));

        String line = lines.list.get(0).getFormattedMessage();
        // Python's str.splitlines() (log shippers, scripts) breaks on these besides \n and \r.
        assertThat(line).doesNotContain("\u0085", "\u2028", "\u2029", "\u007F", "\u009B", "\n", "\r");
        assertThat(line.chars()).noneMatch(c -> c < 0x20 || c >= 0x7F && c <= 0x9F);
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(line)
                        .get("argument_names")
                        .valueStream()
                        .map(name -> name.asString())
                        .toList())
                .isEqualTo(names);
    }
}
