package dev.stsbridge.metadata;

import java.util.Locale;
import java.util.Set;

import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;

/**
 * The algorithms a metadata signature may use, and the one-line reason for each one it may not: RSA and ECDSA
 * with SHA-256/384/512; never MD5, SHA-1 or HMAC (an HMAC "signature" proves nothing about who signed).
 */
final class SignatureAlgorithms {

    static final Set<String> SIGNATURE = Set.of(
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384,
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256,
            XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512);

    static final Set<String> DIGEST = Set.of(
            MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA384,
            MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA512);

    static final Set<String> CANONICALIZATION = Set.of(
            Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS, Canonicalizer.ALGO_ID_C14N_EXCL_WITH_COMMENTS);

    static final Set<String> TRANSFORMS = Set.of(
            Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS,
            Transforms.TRANSFORM_C14N_EXCL_WITH_COMMENTS);

    private SignatureAlgorithms() {
    }

    /** Why {@code uri} is refused as a signature algorithm. */
    static String refusedSignature(String uri) {
        return "signature algorithm " + uri + " is refused: " + weakness(uri)
                + " (use RSA-SHA256/384/512 or ECDSA-SHA256/384/512)";
    }

    /** Why {@code uri} is refused as a digest algorithm. */
    static String refusedDigest(String uri) {
        return "digest algorithm " + uri + " is refused: " + weakness(uri) + " (use SHA-256, SHA-384 or SHA-512)";
    }

    private static String weakness(String uri) {
        String lower = uri.toLowerCase(Locale.ROOT);
        if (lower.contains("hmac")) {
            return "HMAC uses a shared secret, so it cannot prove who signed";
        }
        if (lower.contains("md5")) {
            return "MD5 is broken";
        }
        if (lower.endsWith("sha1") || lower.contains("sha1")) {
            return "SHA-1 is too weak";
        }
        return "it is not an algorithm stsbridge accepts";
    }
}
