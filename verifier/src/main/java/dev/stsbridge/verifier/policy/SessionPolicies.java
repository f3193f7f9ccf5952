package dev.stsbridge.verifier.policy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Deflater;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.saml.StsErrors;

/**
 * Session policies ({@code Policy}, {@code PolicyArns}) and the packed size AWS reports as {@code PackedPolicySize}.
 * The inline policy must be a valid permission policy ({@code MalformedPolicyDocument} otherwise). AWS packs
 * policies and tags into an undisclosed binary format; we model it as the DEFLATE-compressed size of the minified
 * policy JSON, the policy ARNs and the {@code key=value} tags (one per line), against a limit of
 * {@value #PACKED_LIMIT_BYTES} bytes: {@code PackedPolicySize = ceil(100 * packed / limit)}, 0 when nothing is
 * passed; above 100 the call fails with {@code PackedPolicyTooLarge}. So a 2,048-character policy lands near 30%,
 * while 50 long random tags go far over, as on AWS.
 */
public final class SessionPolicies {
    static final int PACKED_LIMIT_BYTES = 2048;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SessionPolicies() {
    }

    /** Validates the policy and returns the packed size in percent. */
    public static int packedPolicySize(Optional<String> policy, List<String> policyArns, Map<String, String> tags) {
        if (policy.isEmpty() && policyArns.isEmpty() && tags.isEmpty()) {
            return 0;
        }
        StringBuilder plain = new StringBuilder();
        policy.ifPresent(p -> plain.append(minified(p)));
        policyArns.forEach(arn -> plain.append('\n').append(arn));
        tags.forEach((key, value) -> plain.append('\n').append(key).append('=').append(value));
        int percent = (int) Math.ceil(100.0 * deflated(plain.toString()) / PACKED_LIMIT_BYTES);
        if (percent > 100) {
            String what = policy.isPresent() || !policyArns.isEmpty() ? "session policies and session tags" : "session tags";
            throw new AwsException(StsErrors.packedPolicyTooLarge(
                    "Packed size of " + what + " consumes " + percent + "% of allotted space."));
        }
        return percent;
    }

    private static String minified(String policy) {
        PolicyParser.parse(policy, PolicyParser.Kind.SESSION);
        try {
            return JSON.writeValueAsString(JSON.readTree(policy));
        } catch (JsonProcessingException e) {
            throw PolicyParser.malformed(PolicyParser.INVALID_JSON);
        }
    }

    private static int deflated(String text) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.size();
        } finally {
            deflater.end();
        }
    }
}
