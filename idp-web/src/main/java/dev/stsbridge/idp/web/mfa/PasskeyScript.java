package dev.stsbridge.idp.web.mfa;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import dev.stsbridge.idp.web.http.SecurityHeaders;

/**
 * The passkey pages' one inline script ({@code html/passkey-script.mustache}, included as a partial, so the page
 * holds it byte for byte): on the button's click it hands the form's {@code data-options} to
 * {@code navigator.credentials.create} or {@code get} ({@code data-ceremony}), puts the answer's
 * {@code toJSON()} into the form and submits it. The pages' policy allows exactly this script, by its hash.
 */
final class PasskeyScript {

    static final String TEXT = load();
    static final String POLICY = SecurityHeaders.inlineScriptPolicy(TEXT);

    private PasskeyScript() {
    }

    private static String load() {
        String name = "dev/stsbridge/idp/web/html/passkey-script.mustache";
        try (InputStream in = PasskeyScript.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
