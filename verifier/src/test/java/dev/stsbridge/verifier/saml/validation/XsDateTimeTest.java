package dev.stsbridge.verifier.saml.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.junit.jupiter.api.Test;

class XsDateTimeTest {
    @Test
    void parseWhenUtcFormsThenExactInstant() {
        assertThat(XsDateTime.parse("2026-03-01T12:00:00Z")).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
        assertThat(XsDateTime.parse("2026-03-01T12:00:00.5Z")).isEqualTo(Instant.parse("2026-03-01T12:00:00.500Z"));
        assertThat(XsDateTime.parse("2026-03-01T12:00:00.123456789Z"))
                .isEqualTo(Instant.parse("2026-03-01T12:00:00.123456789Z"));
    }

    @Test
    void parseWhenOffsetThenConvertedToUtc() {
        assertThat(XsDateTime.parse("2026-03-01T13:00:00+01:00")).isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
    }

    @Test
    void parseWhenNotADateTimeThenRefused() {
        assertThatThrownBy(() -> XsDateTime.parse("2026-13-01T12:00:00Z")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> XsDateTime.parse("yesterday")).isInstanceOf(DateTimeParseException.class);
    }
}
