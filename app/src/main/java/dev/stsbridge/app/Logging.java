package dev.stsbridge.app;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;

/**
 * Log levels: {@link LogConfigurator} keeps normal runs quiet (warnings and errors only, on stderr); {@code --verbose}
 * raises stsbridge's own loggers to DEBUG and the libraries' to INFO for the rest of the process.
 */
final class Logging {

    private Logging() {
    }

    /**
     * Logging set up on the main thread before any command starts its parallel work: a logger first asked for by
     * two threads at once makes SLF4J print a "replaying intercepted calls" warning.
     */
    static void initialise() {
        LoggerFactory.getILoggerFactory();
    }

    static void verbose() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            context.getLogger("dev.stsbridge").setLevel(Level.DEBUG);
            context.getLogger("org.apache.xml.security").setLevel(Level.INFO);
        }
    }

    /** Back to the levels of {@link LogConfigurator}: for tests, which run many commands in one process. */
    static void reset() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.reset();
            try {
                new ContextInitializer(context).autoConfig();
            } catch (JoranException e) {
                throw new IllegalStateException("cannot reload the log configuration: " + e.getMessage(), e);
            }
        }
    }
}
