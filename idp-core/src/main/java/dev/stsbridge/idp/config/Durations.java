package dev.stsbridge.idp.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in the configuration: {@code 3600} (seconds), {@code 90s}, {@code 15m},
 * {@code 12h}, or ISO-8601 {@code PT1H}.
 */
public final class Durations {

    private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})\\s*([smh]?)");

    private Durations() {
    }

    /** Parses a duration; the message of the exception says which forms are accepted. */
    public static Duration parse(String text) {
        String t = text.strip();
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (DateTimeParseException e) {
            throw new InvalidConfigValueException("", "must be a duration such as 900, 90s, 15m, 12h or PT1H, was "
                    + ConfigChecks.quote(text));
        }
    }

    /** A compact form: {@code 1h}, {@code 15m}, {@code 90s}. */
    public static String format(Duration duration) {
        long s = duration.getSeconds();
        if (s != 0 && s % 3600 == 0) {
            return s / 3600 + "h";
        }
        if (s != 0 && s % 60 == 0) {
            return s / 60 + "m";
        }
        return s + "s";
    }
}
