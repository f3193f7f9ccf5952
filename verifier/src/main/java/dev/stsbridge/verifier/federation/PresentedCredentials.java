package dev.stsbridge.verifier.federation;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The {@code Session} parameter, parsed: the JSON object {@code {"sessionId":..,"sessionKey":..,"sessionToken":..}}
 * (access key ID, secret access key, session token), each a non-empty string. Other members are ignored; a
 * duplicated member, trailing text or anything else refuses the request ("Invalid credentials parameter").
 */
record PresentedCredentials(String sessionId, String sessionKey, String sessionToken) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    static PresentedCredentials parse(String session) {
        JsonNode node;
        try {
            node = JSON.readTree(session);
        } catch (IOException e) {
            throw FederationRefusal.invalidCredentials().exception();
        }
        if (node == null || !node.isObject()) {
            throw FederationRefusal.invalidCredentials().exception();
        }
        return new PresentedCredentials(text(node, "sessionId"), text(node, "sessionKey"), text(node, "sessionToken"));
    }

    private static String text(JsonNode object, String member) {
        JsonNode value = object.get(member);
        if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
            throw FederationRefusal.invalidCredentials().exception();
        }
        return value.textValue();
    }

    @Override
    public String toString() {
        return "PresentedCredentials[" + sessionId + "]"; // never the secret or the token
    }
}
