package dev.stsbridge.verifier.saml;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.stsbridge.verifier.AwsException;

/**
 * Step "decode": the {@code SAMLAssertion} parameter (or the console's {@code SAMLResponse} field) is the base64
 * of a whole {@code samlp:Response}. Line breaks and spaces that some IdPs insert every 76 characters are removed;
 * anything else outside the standard base64 alphabet, or wrong padding, is refused. The length limit
 * (100,000 characters) is checked before, with the request parameters.
 */
public final class SamlResponseDecoder {
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("[\\r\\n\\t ]");
    static final String NOT_BASE64 = "Invalid SAML response: SAMLAssertion is not valid base64";

    private SamlResponseDecoder() {
    }

    public static byte[] decode(String base64) {
        try {
            return strict(base64);
        } catch (IllegalArgumentException e) {
            try {
                return strict(WHITESPACE.matcher(base64).replaceAll(""));
            } catch (IllegalArgumentException again) {
                throw new AwsException(StsErrors.invalid(NOT_BASE64));
            }
        }
    }

    /** Standard alphabet, padding required, nothing else (the JDK decoder refuses any other character). */
    private static byte[] strict(String base64) {
        if (base64.isEmpty() || base64.length() % 4 != 0) {
            throw new IllegalArgumentException("base64 length must be a positive multiple of 4");
        }
        return Base64.getDecoder().decode(base64.getBytes(StandardCharsets.ISO_8859_1));
    }
}
