package dev.stsbridge.idp.oidc;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.regex.Pattern;

import com.nimbusds.jose.util.Base64URL;

import dev.stsbridge.idp.crypto.CryptoProviders;

/**
 * PKCE's S256 method (RFC 7636 §4.1 and §4.6): the verifier is 43-128 unreserved characters, and
 * {@code BASE64URL(SHA-256(ASCII(verifier)))} must equal the challenge, compared in constant time. (Twenty lines, so
 * written here rather than pulling in the Nimbus OAuth SDK, which is not in this build's dependency set.)
 */
final class Pkce {

    static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

    private Pkce() {
    }

    static boolean wellFormed(String verifier) {
        return VERIFIER.matcher(verifier).matches();
    }

    /** The S256 challenge of a verifier. */
    static String challenge(String verifier) {
        byte[] digest = CryptoProviders.newDigest("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64URL.encode(digest).toString();
    }

    static boolean matches(String verifier, String challenge) {
        return MessageDigest.isEqual(challenge(verifier).getBytes(StandardCharsets.US_ASCII),
                challenge.getBytes(StandardCharsets.US_ASCII));
    }
}
