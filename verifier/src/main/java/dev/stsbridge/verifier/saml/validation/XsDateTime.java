package dev.stsbridge.verifier.saml.validation;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Parses SAML's xs:dateTime values. The UTC form every IdP sends ({@code 2026-03-01T12:00:00Z}, optionally with
 * a fraction) is read directly, as {@code DateTimeFormatter} costs more than the rest of the time checks; any other
 * form (an offset) goes through {@link OffsetDateTime#parse}.
 *
 * @throws java.time.format.DateTimeParseException when the value is not a date-time
 */
final class XsDateTime {
    private XsDateTime() {
    }

    static Instant parse(String value) {
        int length = value.length();
        if (length >= 20 && value.charAt(length - 1) == 'Z' && value.charAt(4) == '-' && value.charAt(7) == '-'
                && value.charAt(10) == 'T' && value.charAt(13) == ':' && value.charAt(16) == ':'
                && (length == 20 || value.charAt(19) == '.' && length > 21)) {
            try {
                LocalDateTime time = LocalDateTime.of(digits(value, 0, 4), digits(value, 5, 7), digits(value, 8, 10),
                        digits(value, 11, 13), digits(value, 14, 16), digits(value, 17, 19), nanos(value, length));
                return time.toInstant(ZoneOffset.UTC);
            } catch (RuntimeException e) {
                // not the plain UTC form after all: the general parser decides
            }
        }
        return OffsetDateTime.parse(value).toInstant();
    }

    private static int nanos(String value, int length) {
        if (length == 20) {
            return 0;
        }
        String fraction = (value.substring(20, length - 1) + "000000000").substring(0, 9);
        return digits(fraction, 0, 9);
    }

    private static int digits(String value, int from, int to) {
        int result = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(value);
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
