package dev.stsbridge.verifier.signin;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import dev.stsbridge.verifier.saml.validation.SamlSettings;

/**
 * Settings of the console sign-in model.
 *
 * @param saml the assertion checks (clock skew, one-time use, IssueInstant age), as for STS
 * @param accountAliases account ID -> alias, for "Account: prod (111122223333)" on the role picker
 * @param maxFormBytes the largest accepted form body (a 100,000-character SAMLResponse, URL-encoded)
 * @param logoutUrl where "To logout, click here." points
 */
public record SignInSettings(SamlSettings saml, Map<String, String> accountAliases, int maxFormBytes,
                             String logoutUrl) {
    public SignInSettings {
        Objects.requireNonNull(saml, "saml");
        Objects.requireNonNull(logoutUrl, "logoutUrl");
        accountAliases = Map.copyOf(accountAliases);
        if (maxFormBytes < 1024) {
            throw new IllegalArgumentException("max-form-bytes must be at least 1024, not " + maxFormBytes);
        }
    }

    /** Verifier defaults, no aliases, 400,000-byte forms, logout to {@code /}. */
    public static SignInSettings defaults() {
        return new SignInSettings(SamlSettings.defaults(), Map.of(), 400_000, "/");
    }

    public SignInSettings withSaml(SamlSettings value) {
        return new SignInSettings(value, accountAliases, maxFormBytes, logoutUrl);
    }

    public SignInSettings withAccountAliases(Map<String, String> aliases) {
        return new SignInSettings(saml, aliases, maxFormBytes, logoutUrl);
    }

    /** How long a console session page stays available after the session expires (then it is forgotten). */
    static Duration keepExpired() {
        return Duration.ofMinutes(10);
    }
}
