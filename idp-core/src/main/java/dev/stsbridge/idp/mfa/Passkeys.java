package dev.stsbridge.idp.mfa;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.exception.VerificationException;

import dev.stsbridge.idp.directory.DirectoryUser;

/**
 * WebAuthn passkeys through webauthn4j: the options the browser's {@code navigator.credentials.create/get} take
 * (as WebAuthn Level 3 JSON), and the checks of what it answers. The relying party ID is the base URL's host and
 * the only accepted origin is the base URL's origin; the challenge is the one the caller kept in the person's
 * session (single use: the caller drops it before verifying); user presence is required, user verification
 * preferred (the password was the first factor); the signature counter must grow whenever the authenticator
 * counts (webauthn4j refuses a counter that did not, a sign of a cloned authenticator). Attestation is not asked
 * for ({@code none}): any authenticator the person holds will do.
 */
public final class Passkeys {

    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();
    private static final long TIMEOUT_MILLIS = 120_000;
    /** ES256 and RS256, the algorithms every platform and security key supports. */
    private static final List<Integer> ALGORITHMS = List.of(-7, -257);

    private final String rpId;
    private final Origin origin;
    private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager();
    private final AttestedCredentialDataConverter credentials =
            new AttestedCredentialDataConverter(new ObjectConverter());
    private final ObjectMapper json = new ObjectMapper();

    public Passkeys(URI baseUrl) {
        this.rpId = baseUrl.getHost().toLowerCase(Locale.ROOT);
        this.origin = new Origin(baseUrl.getScheme().toLowerCase(Locale.ROOT) + "://" + rpId
                + (baseUrl.getPort() < 0 ? "" : ":" + baseUrl.getPort()));
    }

    public String rpId() {
        return rpId;
    }

    /** {@code PublicKeyCredentialCreationOptionsJSON}: registering another passkey for this person. */
    public String creationOptions(DirectoryUser user, Enrollment enrollment, byte[] challenge) {
        ObjectNode options = json.createObjectNode();
        options.putObject("rp").put("id", rpId).put("name", "stsbridge");
        options.putObject("user").put("id", B64URL.encodeToString(userHandle(user))).put("name", user.username())
                .put("displayName", user.username());
        options.put("challenge", B64URL.encodeToString(challenge));
        ArrayNode params = options.putArray("pubKeyCredParams");
        ALGORITHMS.forEach(alg -> params.addObject().put("type", "public-key").put("alg", alg));
        options.put("timeout", TIMEOUT_MILLIS);
        credentialList(options.putArray("excludeCredentials"), enrollment);
        options.putObject("authenticatorSelection").put("residentKey", "preferred")
                .put("userVerification", "preferred");
        options.put("attestation", "none");
        return options.toString();
    }

    /** {@code PublicKeyCredentialRequestOptionsJSON}: signing in with one of this person's passkeys. */
    public String requestOptions(Enrollment enrollment, byte[] challenge) {
        ObjectNode options = json.createObjectNode();
        options.put("challenge", B64URL.encodeToString(challenge));
        options.put("rpId", rpId);
        options.put("timeout", TIMEOUT_MILLIS);
        credentialList(options.putArray("allowCredentials"), enrollment);
        options.put("userVerification", "preferred");
        return options.toString();
    }

    /**
     * The new passkey, if {@code responseJson} (the browser's {@code PublicKeyCredential.toJSON()} after
     * {@code create}) answers {@code challenge} from our origin for our RP ID.
     */
    public PasskeyFactor register(String responseJson, byte[] challenge, Instant now) throws PasskeyException {
        try {
            RegistrationData data = manager.verifyRegistrationResponseJSON(responseJson,
                    new RegistrationParameters(server(challenge), null, false, true));
            var authenticatorData = data.getAttestationObject().getAuthenticatorData();
            AttestedCredentialData credential = authenticatorData.getAttestedCredentialData();
            return new PasskeyFactor(credential.getCredentialId(), credentials.convert(credential),
                    authenticatorData.getSignCount(), now);
        } catch (VerificationException | DataConversionException | IllegalArgumentException e) {
            throw new PasskeyException("The passkey could not be registered: " + reason(e));
        }
    }

    /**
     * The passkey with its new signature counter, if {@code responseJson} (the browser's
     * {@code PublicKeyCredential.toJSON()} after {@code get}) is a valid signature over {@code challenge} by one of
     * the person's passkeys.
     */
    public PasskeyFactor authenticate(Enrollment enrollment, String responseJson, byte[] challenge)
            throws PasskeyException {
        try {
            AuthenticationData parsed = manager.parseAuthenticationResponseJSON(responseJson);
            PasskeyFactor passkey = enrollment.passkey(B64URL.encodeToString(parsed.getCredentialId()))
                    .orElseThrow(() -> new PasskeyException("This passkey is not registered for you."));
            CredentialRecordImpl record = new CredentialRecordImpl(new NoneAttestationStatement(), null, null, null,
                    passkey.signCount(), credentials.convert(passkey.attestedCredentialData()), null, null, null,
                    null);
            AuthenticationData verified = manager.verify(parsed, new AuthenticationParameters(server(challenge),
                    record, List.of(passkey.credentialId()), false, true));
            return passkey.counted(verified.getAuthenticatorData().getSignCount());
        } catch (VerificationException | DataConversionException | IllegalArgumentException e) {
            throw new PasskeyException("The passkey sign-in did not verify: " + reason(e));
        }
    }

    /** An opaque, stable user handle (no name or e-mail in it): SHA-256 of the person's immutable ID. */
    static byte[] userHandle(DirectoryUser user) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(("stsbridge-webauthn-user:" + user.immutableId()).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private ServerProperty server(byte[] challenge) {
        return new ServerProperty(origin, rpId, new DefaultChallenge(Objects.requireNonNull(challenge)));
    }

    private static void credentialList(ArrayNode list, Enrollment enrollment) {
        enrollment.passkeys().forEach(p -> list.addObject().put("type", "public-key").put("id", p.id()));
    }

    private static String reason(Exception e) {
        String name = e.getClass().getSimpleName().replaceAll("Exception$", "");
        return name.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT) + ".";
    }
}
