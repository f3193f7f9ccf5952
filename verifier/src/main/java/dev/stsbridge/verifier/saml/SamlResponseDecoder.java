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
        String compact = hasWhitespace(base64) ? WHITESPACE.matcher(base64).replaceAll("") : base64;
        if (compact.isEmpty() || compact.length() % 4 != 0) {
            throw new AwsException(StsErrors.invalid(NOT_BASE64));
        }
        try {
            return Base64.getDecoder().decode(compact.getBytes(StandardCharsets.US_ASCII));
        } catch (IllegalArgumentException e) {
            throw new AwsException(StsErrors.invalid(NOT_BASE64));
        }
    }

    private static boolean hasWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                return true;
            }
        }
        return false;
    }
}
