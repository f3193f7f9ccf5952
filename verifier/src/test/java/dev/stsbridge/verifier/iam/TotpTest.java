package dev.stsbridge.verifier.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class TotpTest {

    /** RFC 6238 appendix B's SHA-1 seed, "12345678901234567890" in ASCII. */
    private static final String RFC_SEED = Totp.base32("12345678901234567890".getBytes(StandardCharsets.US_ASCII));

    @Test
    void codesAreTheLastSixDigitsOfRfc6238AppendixBSha1Vectors() {
        // appendix B: T=59 -> 94287082, T=1111111109 -> 07081804, T=2000000000 -> 69279037 (8 digits; AWS uses 6)
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(59)))).isEqualTo("287082");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(1111111109L)))).isEqualTo("081804");
        assertThat(Totp.code(RFC_SEED, Totp.step(Instant.ofEpochSecond(2000000000L)))).isEqualTo("279037");
    }

    @Test
    void aCodeMatchesWithinOneStepOfDriftAndOnlyAfterTheLastUsedStep() {
        Instant now = Instant.ofEpochSecond(1111111109L);
        long step = Totp.step(now);
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step - 1), now, Long.MIN_VALUE)).hasValue(step - 1);
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step + 1), now, Long.MIN_VALUE)).hasValue(step + 1);
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step - 2), now, Long.MIN_VALUE)).isEmpty();
        assertThat(Totp.match(RFC_SEED, Totp.code(RFC_SEED, step), now, step)).isEmpty();
    }

    @Test
    void aWrongCodeOfTheRightLengthIsNotTheCode() {
        long step = Totp.step(Instant.ofEpochSecond(59));
        assertThat(Totp.is(RFC_SEED, "287082", step)).isTrue();
        assertThat(Totp.is(RFC_SEED, "287083", step)).isFalse();
        assertThat(Totp.is(RFC_SEED, "28708", step)).isFalse();
    }
}
