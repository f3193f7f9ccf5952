package dev.stsbridge.idp.web.mfa;

import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.spec.SecretKeySpec;

import com.eatthepath.otp.TimeBasedOneTimePasswordGenerator;

/** An authenticator app for tests: reads the secret off the enrollment page and computes codes from it (RFC 6238). */
public final class Authenticator {

    private static final Pattern SECRET = Pattern.compile("<code id=\"totp-secret\">([A-Z2-7 ]+)</code>");

    private final byte[] secret;

    private Authenticator(byte[] secret) {
        this.secret = secret;
    }

    /** The secret shown on an enrollment page. */
    public static Authenticator scan(String enrollmentPage) {
        Matcher m = SECRET.matcher(enrollmentPage);
        if (!m.find()) {
            throw new AssertionError("no TOTP secret on the page: " + enrollmentPage);
        }
        return new Authenticator(base32(m.group(1).replace(" ", "")));
    }

    public String code(Instant at) {
        try {
            return new TimeBasedOneTimePasswordGenerator().generateOneTimePasswordString(
                    new SecretKeySpec(secret, "HmacSHA1"), at);
        } catch (java.security.InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] base32(String text) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : text.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
