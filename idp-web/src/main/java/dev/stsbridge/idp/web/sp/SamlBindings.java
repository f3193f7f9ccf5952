package dev.stsbridge.idp.web.sp;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import dev.stsbridge.idp.web.http.HttpError;

/**
 * The two request bindings, decoded by hand (OpenSAML's decoders need servlets; this is the ~40 lines
 * DEPENDENCIES.md mentions): HTTP-Redirect, {@code SAMLRequest} = base64 of raw DEFLATE in the query string, with the
 * optional {@code SigAlg}/{@code Signature} over the raw (still URL-encoded) parameters; HTTP-POST, {@code SAMLRequest}
 * = base64 of the XML in the form body. Bounded: at most {@value #MAX_ENCODED} characters of base64, and inflation
 * stops at {@value #MAX_XML} bytes (a DEFLATE bomb is refused after that much work, not after filling memory).
 */
public final class SamlBindings {

    static final int MAX_XML = 64 * 1024;
    static final int MAX_ENCODED = 128 * 1024;
    static final int MAX_RELAY_STATE = 1024;

    private SamlBindings() {
    }

    /** The HTTP-Redirect binding, from the raw query string. */
    static InboundRequest redirect(String rawQuery) {
        return redirect(rawQuery, "SAMLRequest");
    }

    /**
     * The HTTP-Redirect binding, from the raw query string, for the message in {@code parameter}
     * ({@code SAMLRequest} or {@code SAMLResponse}).
     */
    public static InboundRequest redirect(String rawQuery, String parameter) {
        Map<String, String> raw = rawParameters(rawQuery);
        String message = decoded(raw, parameter).orElseThrow(() ->
                HttpError.badRequest("The request has no " + parameter + "."));
        Optional<String> relayState = relayState(decoded(raw, "RelayState"));
        byte[] xml = inflate(base64(message, parameter), parameter);
        Optional<InboundRequest.QuerySignature> signature = Optional.empty();
        if (raw.containsKey("Signature") || raw.containsKey("SigAlg")) {
            String sigAlg = decoded(raw, "SigAlg").orElseThrow(() ->
                    HttpError.badRequest("The request has a Signature but no SigAlg."));
            byte[] value = base64(decoded(raw, "Signature").orElseThrow(() ->
                    HttpError.badRequest("The request has a SigAlg but no Signature.")), "Signature");
            String octets = parameter + "=" + raw.get(parameter)
                    + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "")
                    + "&SigAlg=" + raw.get("SigAlg");
            signature = Optional.of(new InboundRequest.QuerySignature(sigAlg, value,
                    octets.getBytes(StandardCharsets.UTF_8)));
        }
        return new InboundRequest(xml, relayState, InboundRequest.Binding.REDIRECT, signature);
    }

    /** The HTTP-POST binding, from the form fields. */
    static InboundRequest post(Optional<String> samlRequest, Optional<String> relayState) {
        return post(samlRequest, relayState, "SAMLRequest");
    }

    /** The HTTP-POST binding, from the form fields, for the message in the field {@code parameter}. */
    public static InboundRequest post(Optional<String> message, Optional<String> relayState, String parameter) {
        String encoded = message.orElseThrow(() -> HttpError.badRequest("The request has no " + parameter + "."));
        byte[] xml = base64(encoded, parameter);
        if (xml.length > MAX_XML) {
            throw HttpError.badRequest("The " + parameter + " is larger than " + MAX_XML + " bytes.");
        }
        return new InboundRequest(xml, relayState(relayState), InboundRequest.Binding.POST, Optional.empty());
    }

    /** Name -> raw (URL-encoded) value; a parameter given twice is refused. */
    private static Map<String, String> rawParameters(String rawQuery) {
        Map<String, String> raw = new HashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            if (raw.put(name, equals < 0 ? "" : pair.substring(equals + 1)) != null) {
                throw HttpError.badRequest("The parameter " + name + " appears more than once.");
            }
        }
        return raw;
    }

    private static Optional<String> decoded(Map<String, String> raw, String name) {
        return Optional.ofNullable(raw.get(name)).map(v -> {
            try {
                return URLDecoder.decode(v, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw HttpError.badRequest("The parameter " + name + " is not URL-encoded correctly.");
            }
        });
    }

    private static Optional<String> relayState(Optional<String> relayState) {
        relayState.ifPresent(r -> {
            if (r.length() > MAX_RELAY_STATE || r.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw HttpError.badRequest("The RelayState is longer than " + MAX_RELAY_STATE
                        + " characters or holds control characters.");
            }
        });
        return relayState.filter(r -> !r.isEmpty());
    }

    private static byte[] base64(String encoded, String parameter) {
        if (encoded.length() > MAX_ENCODED) {
            throw HttpError.badRequest("The " + parameter + " is larger than " + MAX_ENCODED + " characters.");
        }
        try {
            return Base64.getDecoder().decode(encoded.replaceAll("[\\r\\n\\t ]", ""));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("The " + (parameter.equals("Signature") ? "SAMLRequest (or Signature)"
                    : parameter) + " is not valid base64.");
        }
    }

    /** Raw DEFLATE (RFC 1951, no zlib header), at most {@value #MAX_XML} bytes out. */
    static byte[] inflate(byte[] deflated) {
        return inflate(deflated, "SAMLRequest");
    }

    private static byte[] inflate(byte[] deflated, String parameter) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_XML, deflated.length * 4 + 64));
            byte[] buffer = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw HttpError.badRequest("The " + parameter + " is not complete DEFLATE data (HTTP-Redirect binding).");
                }
                if (out.size() + n > MAX_XML) {
                    throw HttpError.badRequest("The " + parameter + " inflates to more than " + MAX_XML + " bytes.");
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw HttpError.badRequest("The " + parameter + " is not DEFLATE-compressed (HTTP-Redirect binding).");
        } finally {
            inflater.end();
        }
    }
}
