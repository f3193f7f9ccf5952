package dev.stsbridge.verifier.auth;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.AwsError;

/**
 * A parsed SigV4 {@code Authorization} header:
 * {@code AWS4-HMAC-SHA256 Credential=AKID/20250101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date,
 * Signature=hex}.
 *
 * @param accessKeyId the access key ID of the credential
 * @param scope the credential scope
 * @param signedHeaders the lower-case names of the signed headers, as listed
 * @param signature the hex signature, as sent
 */
public record AuthorizationHeader(String accessKeyId, CredentialScope scope, List<String> signedHeaders,
                                  String signature) {

    public static final String ALGORITHM = "AWS4-HMAC-SHA256";

    public AuthorizationHeader {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(scope, "scope");
        signedHeaders = List.copyOf(signedHeaders);
        Objects.requireNonNull(signature, "signature");
    }

    /**
     * The credential scope {@code date/region/service/terminator}.
     *
     * @param date {@code yyyyMMdd}
     */
    public record CredentialScope(String date, String region, String service, String terminator) {
    }

    /**
     * Parses a header value. Refusals are AWS's {@code IncompleteSignature} (400) messages: each missing component is
     * named, then {@code " Authorization=<value>"}.
     *
     * @param hasDate whether the request carries an {@code X-Amz-Date} header
     */
    public static AuthorizationHeader parse(String value, boolean hasDate) {
        Map<String, String> parts = components(value);
        List<String> missing = new ArrayList<>();
        for (String name : List.of("Credential", "Signature", "SignedHeaders")) {
            if (!parts.containsKey(name)) {
                missing.add("Authorization header requires '" + name + "' parameter.");
            }
        }
        if (!hasDate) {
            missing.add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
        }
        if (!missing.isEmpty()) {
            throw incomplete(String.join(" ", missing) + " Authorization=" + value);
        }
        String[] credential = parts.get("Credential").split("/", -1);
        if (credential.length != 5) {
            throw incomplete("Credential must have exactly 5 slash-delimited elements, e.g. "
                    + "keyid/date/region/service/term, got '" + parts.get("Credential") + "'");
        }
        return new AuthorizationHeader(credential[0],
                new CredentialScope(credential[1], credential[2], credential[3], credential[4]),
                List.of(parts.get("SignedHeaders").split(";", -1)), parts.get("Signature"));
    }

    /** The access key ID named by a header value, if it has one (for choosing a body size limit before reading). */
    public static Optional<CredentialScope> peekScope(String value) {
        String credential = components(value).get("Credential");
        if (credential == null) {
            return Optional.empty();
        }
        String[] parts = credential.split("/", -1);
        return parts.length == 5 ? Optional.of(new CredentialScope(parts[1], parts[2], parts[3], parts[4]))
                : Optional.empty();
    }

    /** The access key ID named by a header value, if any. */
    public static Optional<String> peekAccessKeyId(String value) {
        return Optional.ofNullable(components(value).get("Credential")).map(c -> c.split("/", -1)[0]);
    }

    private static Map<String, String> components(String value) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (!value.startsWith(ALGORITHM + " ")) {
            return parts;
        }
        for (String component : value.substring(ALGORITHM.length() + 1).split(",")) {
            String trimmed = component.trim();
            int eq = trimmed.indexOf('=');
            if (eq > 0) {
                parts.putIfAbsent(trimmed.substring(0, eq), trimmed.substring(eq + 1));
            }
        }
        return parts;
    }

    static RuntimeException incomplete(String message) {
        return AwsError.sender("IncompleteSignature", message, 400).exception();
    }
}
