package dev.stsbridge.app;

import org.slf4j.Logger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;

import dev.stsbridge.idp.web.ops.AuditLog;

/**
 * The command's log configuration, in code (found by logback through {@code META-INF/services}): normal runs print
 * no log lines, only warnings and errors, on stderr; the IdP's audit log (logger {@value AuditLog#LOGGER})
 * is one JSON object per line on standard output. Reading the same from a {@code logback.xml} costs about a fifth of
 * a second of start-up (logback's XML configurator loads several hundred classes). {@code
 * -Dlogback.configurationFile=FILE} still replaces it with a file of your own.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty(ContextInitializer.CONFIG_FILE_PROPERTY) != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY; // -Dlogback.configurationFile=...: the user's own file
        }
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(console(context, "STDERR", "System.err", "%d{HH:mm:ss.SSS} %-5level %logger{36} - %msg%n"));
        // Santuario logs every failed verification as a warning; the command reports it once, in one line.
        context.getLogger("org.apache.xml.security").setLevel(Level.ERROR);
        ch.qos.logback.classic.Logger audit = context.getLogger(AuditLog.LOGGER);
        audit.setLevel(Level.INFO);
        audit.setAdditive(false);
        audit.addAppender(console(context, "AUDIT", "System.out", "%msg%n"));
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static ConsoleAppender<ILoggingEvent> console(LoggerContext context, String name, String target,
                                                          String pattern) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(context);
        appender.setName(name);
        appender.setTarget(target);
        appender.setEncoder(encoder);
        appender.start();
        return appender;
    }
}
