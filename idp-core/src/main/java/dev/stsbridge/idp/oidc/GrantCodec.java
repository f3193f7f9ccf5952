package dev.stsbridge.idp.oidc;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import dev.stsbridge.idp.mfa.EnrollmentCipher;

/**
 * An {@link AuthorizationGrant} as a shared store keeps it: {@code {"format": 1, "grant": {...}}} (the record's
 * components by name, the person with their directory attributes and groups, instants as ISO-8601), sealed with
 * AES-256-GCM by the nodes' {@link EnrollmentCipher} and bound to the row's domain and key, so the database sees no
 * claim, nonce or PKCE challenge and a row copied to another key does not open.
 */
final class GrantCodec {

    static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final EnrollmentCipher cipher;

    GrantCodec(EnrollmentCipher cipher) {
        this.cipher = cipher;
    }

    /** The grant sealed for the row {@code domain:key}. */
    byte[] seal(AuthorizationGrant grant, String domain, String key) {
        try {
            String json = JSON.writeValueAsString(JSON.createObjectNode().put("format", FORMAT)
                    .set("grant", JSON.valueToTree(grant)));
            return cipher.encrypt(json.getBytes(StandardCharsets.UTF_8), domain + ":" + key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode an authorization grant", e);
        }
    }

    /**
     * The grant of a row sealed by {@link #seal}.
     *
     * @throws IllegalStateException when it does not decrypt (changed, another key or row) or does not decode
     */
    AuthorizationGrant open(byte[] sealed, String domain, String key) {
        String json = new String(cipher.decrypt(sealed, domain + ":" + key), StandardCharsets.UTF_8);
        try {
            JsonNode envelope = JSON.readTree(json);
            int format = envelope.path("format").asInt(-1);
            if (format != FORMAT || !envelope.path("grant").isObject()) {
                throw new IllegalStateException("a stored grant of format " + format + ", expected " + FORMAT);
            }
            return JSON.treeToValue(envelope.get("grant"), AuthorizationGrant.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored grant does not decode: " + e.getMessage(), e);
        }
    }
}
