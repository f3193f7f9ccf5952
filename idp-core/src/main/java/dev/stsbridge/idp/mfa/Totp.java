package dev.stsbridge.idp.mfa;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/**
 * TOTP (RFC 6238) as every authenticator app does it: HMAC-SHA1, 6 digits, 30-second steps, a 160-bit secret.
 * A code is accepted for the current step and one step either side (clock drift of up to 30 s), and only for a
 * step later than the last accepted one, so a code (or an older one) never works twice.
 */
public final class Totp {

    public static final Duration STEP = Duration.ofSeconds(30);
    public static final int DIGITS = 6;
    static final int SECRET_BYTES = 20;
    private static final Pattern CODE = Pattern.compile("\\d{" + DIGITS + "}");

    private final TimeBasedOneTimePasswordGenerator generator = new TimeBasedOneTimePasswordGenerator(STEP, DIGITS,
            TimeBasedOneTimePasswordGenerator.TOTP_ALGORITHM_HMAC_SHA1);

    /** A new random secret. */
    public static byte[] newSecret(SecureRandom random) {
        byte[] secret = new byte[SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    /** The secret as authenticator apps show and accept it (base32, no padding). */
    public static String base32(byte[] secret) {
        return Base32.encode(secret);
    }

    /**
     * The {@code otpauth://totp/} URI of the QR code (Google Authenticator's key URI format): label
     * {@code issuer:account}, the secret, the issuer, and the algorithm, digits and period spelt out.
     */
    public static String keyUri(String issuer, String account, byte[] secret) {
        String label = encode(issuer) + ":" + encode(account);
        return "otpauth://totp/" + label + "?secret=" + base32(secret) + "&issuer=" + encode(issuer)
                + "&algorithm=SHA1&digits=" + DIGITS + "&period=" + STEP.toSeconds();
    }

    /** The step a time falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP.toSeconds());
    }

    /** The code for a time (what the authenticator app shows then). */
    public String code(byte[] secret, Instant at) {
        try {
            return generator.generateOneTimePasswordString(new SecretKeySpec(secret, "HmacSHA1"), at);
        } catch (InvalidKeyException e) {
            throw new IllegalStateException("the TOTP secret is not an HMAC key", e);
        }
    }

    /**
     * The step whose code {@code typed} is, within one step of {@code now} and after {@code lastUsedStep}; empty
     * when it matches none of them. Every candidate is compared in constant time.
     */
    public OptionalLong verify(byte[] secret, String typed, Instant now, long lastUsedStep) {
        String code = typed.replaceAll("\\s", "");
        if (!CODE.matcher(code).matches()) {
            return OptionalLong.empty();
        }
        long current = step(now);
        long matched = Long.MIN_VALUE;
        for (long step = current - 1; step <= current + 1; step++) {
            String expected = code(secret, Instant.ofEpochSecond(step * STEP.toSeconds()));
            boolean equal = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII));
            if (equal && step > lastUsedStep) {
                matched = step;
            }
        }
        return matched == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(matched);
    }

    private static String encode(String text) {
        return URLEncoder.encode(Objects.requireNonNull(text), StandardCharsets.UTF_8).replace("+", "%20");
    }
}
