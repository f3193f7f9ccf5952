package dev.stsbridge.idp.web.session;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A {@link Session} as JSON for a shared store: {@code {"format": 1, "session": {...}}}, where the session is its
 * record components by name (Jackson binds records and the records inside them, {@code Optional}s, {@code URI}s and
 * {@code Instant}s as ISO-8601), <em>without</em> its ID: stores key by the ID's SHA-256, and the ID comes back from
 * the caller that holds the cookie.
 *
 * <p>A new component of {@code Session} (or of a record inside it) needs nothing here as long as it is a record,
 * a {@code List}, an {@code Optional} or a plain value: rows written before it existed read as {@code null} for it,
 * so its compact constructor should default that (e.g. {@code List.of()}); {@link #FORMAT} changes only when an
 * existing component changes its meaning.
 */
public final class SessionCodec {

    /** The JSON layout's version. */
    public static final int FORMAT = 1;

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private SessionCodec() {
    }

    /** The session as JSON text, without its ID. */
    public static String encode(Session session) {
        ObjectNode fields = JSON.valueToTree(session);
        fields.remove("id");
        ObjectNode envelope = JSON.createObjectNode();
        envelope.put("format", FORMAT);
        envelope.set("session", fields);
        try {
            return JSON.writeValueAsString(envelope);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a session", e);
        }
    }

    /**
     * The session of {@code json} (from {@link #encode}) with the ID {@code id}.
     *
     * @throws IllegalStateException when the JSON is of another format or does not make a valid session
     */
    public static Session decode(String id, String json) {
        try {
            JsonNode envelope = JSON.readTree(json);
            int format = envelope.path("format").asInt(-1);
            if (format != FORMAT || !envelope.path("session").isObject()) {
                throw new IllegalStateException("a stored session of format " + format + ", expected " + FORMAT);
            }
            ObjectNode fields = ((ObjectNode) envelope.get("session")).deepCopy();
            fields.put("id", id);
            return JSON.treeToValue(fields, Session.class);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored session does not decode: " + e.getMessage(), e);
        }
    }
}
