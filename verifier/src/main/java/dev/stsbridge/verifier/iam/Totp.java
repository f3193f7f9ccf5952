package dev.stsbridge.verifier.iam;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalLong;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.commons.codec.binary.Base32;

/**
 * RFC 6238 TOTP as AWS's virtual MFA devices use it: HMAC-SHA1, 6 digits, 30-second steps, the seed given to the
 * authenticator app as Base32. Codes are compared in constant time. (No TOTP library on Maven Central resolves here,
 * see verifier/README.md; the algorithm is RFC 4226 §5.3's dynamic truncation.)
 */
public final class Totp {

    /** Steps of the 30-second clock either side of now that a code may come from (clock drift). */
    public static final int WINDOW = 1;
    private static final long STEP_SECONDS = 30;

    private Totp() {
    }

    /** The Base32 form of a seed (RFC 4648, upper case, with padding as AWS's {@code Base32StringSeed}). */
    public static String base32(byte[] seed) {
        return new Base32().encodeAsString(seed);
    }

    /** The 30-second step {@code at} falls in. */
    public static long step(Instant at) {
        return Math.floorDiv(at.getEpochSecond(), STEP_SECONDS);
    }

    /** The 6-digit code of a Base32 seed for a step. */
    public static String code(String base32Seed, long step) {
        byte[] key = new Base32().decode(base32Seed);
        byte[] counter = new byte[8];
        for (int i = 7; i >= 0; i--) {
            counter[i] = (byte) (step >>> (8 * (7 - i)));
        }
        byte[] hash = hmacSha1(key, counter);
        int offset = hash[hash.length - 1] & 0x0f;
        int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
        return String.format("%06d", binary % 1_000_000);
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

    private static byte[] hmacSha1(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(key, "HmacSHA1"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is unavailable", e);
        }
    }
}
