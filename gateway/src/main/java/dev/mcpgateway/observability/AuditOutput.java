package dev.mcpgateway.observability;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/**
 * Where audit entries go unless the operator's logging configuration says otherwise: standard output, one bare JSON
 * object per line (no timestamp, level or thread prefix: log shippers parse each line as it is), not through the
 * application's console pattern. Installed only when the {@value AuditLog#LOGGER} logger has no appender of its own
 * and still passes its entries on to the root logger; an appender configured for it in {@code logback-spring.xml}
 * wins. Also cheaper: the application pattern's date, thread and logger-name conversions ran on the event loop for
 * every request.
 */
final class AuditOutput {

    static final String APPENDER = "MCP_AUDIT_JSON_LINES";

    private AuditOutput() {}

    static void install() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger audit = context.getLogger(AuditLog.LOGGER);
        if (audit.iteratorForAppenders().hasNext() || !audit.isAdditive()) {
            return;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%msg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(APPENDER);
        appender.setEncoder(encoder);
        appender.start();
        audit.addAppender(appender);
        audit.setAdditive(false);
    }
}
