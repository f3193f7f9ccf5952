package dev.stsbridge.app;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;

/**
 * Log levels: {@code logback.xml} keeps normal runs quiet (warnings and errors only, on stderr); {@code --verbose}
 * raises stsbridge's own loggers to DEBUG and the libraries' to INFO.
 */
final class Logging {

    private Logging() {
    }

    static void verbose() {
        if (LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            context.getLogger("dev.stsbridge").setLevel(Level.DEBUG);
            context.getLogger("org.apache.xml.security").setLevel(Level.INFO);
        }
    }
}
