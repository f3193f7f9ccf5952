package dev.stsbridge.verifier.iam;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;

import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * RFC 6238 TOTP as AWS's virtual MFA devices use it: HMAC-SHA1, 6 digits, 30-second steps, the seed given to the
 * authenticator app as Base32. The codes come from java-otp (the library the IdP's MFA uses); they are compared in
 * constant time, and the window and once-only rules are AWS's, kept here.
 */
public final class Totp {

    /** Steps of the 30-second clock either side of now that a code may come from (clock drift). */
    public static final int WINDOW = 1;
    private static final Duration STEP = Duration.ofSeconds(30);
    private static final TimeBasedOneTimePasswordGenerator GENERATOR = new TimeBasedOneTimePasswordGenerator(STEP, 6,
            TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    private Totp() {
    }

    /** The Base32 form of a seed (RFC 4648, upper case, with padding as AWS's {@code Base32StringSeed}). */
    public static String base32(byte[] seed) {
        return new Base32().encodeAsString(seed);
    }

    /** The 30-second step {@code at} falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.getSeconds());
    }

    /** The 6-digit code of a Base32 seed for a step. */
    public static String code(String base32Seed, long step) {
        SecretKeySpec key = new SecretKeySpec(new Base32().decode(base32Seed), GENERATOR.getAlgorithm());
        try {
            return GENERATOR.generateOneTimePasswordString(key, Instant.ofEpochSecond(step * STEP.getSeconds()),
                    Locale.ROOT);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("an MFA seed is not a usable HMAC-SHA1 key", e);
        }
    }

    /** Whether {@code code} is the code of {@code step} (constant time). */
    public static boolean is(String base32Seed, String code, long step) {
        return MessageDigest.isEqual(code(base32Seed, step).getBytes(StandardCharsets.US_ASCII),
                code.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * The step within {@link #WINDOW} of {@code now}'s whose code this is and that is later than {@code afterStep}
     * (a code is accepted once), if any.
     */
    public static OptionalLong match(String base32Seed, String code, Instant now, long afterStep) {
        long current = step(now);
        OptionalLong found = OptionalLong.empty();
        for (long s = current - WINDOW; s <= current + WINDOW; s++) {
            if (is(base32Seed, code, s) && s > afterStep && found.isEmpty()) {
                found = OptionalLong.of(s);
            }
        }
        return found;
    }
}
