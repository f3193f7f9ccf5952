package dev.stsbridge.idp.mfa;

import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A registered WebAuthn credential (passkey or security key).
 *
 * @param credentialId the authenticator's credential ID
 * @param attestedCredentialData the AAGUID, credential ID and COSE public key, as webauthn4j serialises them
 * @param signCount the last signature counter seen (0 for authenticators that do not count)
 * @param registered when it was registered
 */
public record PasskeyFactor(byte[] credentialId, byte[] attestedCredentialData, long signCount, Instant registered) {
    public PasskeyFactor {
        Objects.requireNonNull(credentialId, "credentialId");
        Objects.requireNonNull(attestedCredentialData, "attestedCredentialData");
        Objects.requireNonNull(registered, "registered");
        credentialId = credentialId.clone();
        attestedCredentialData = attestedCredentialData.clone();
    }

    @Override
    public byte[] credentialId() {
        return credentialId.clone();
    }

    @Override
    public byte[] attestedCredentialData() {
        return attestedCredentialData.clone();
    }

    /** The credential ID in base64url, as the browser names it. */
    public String id() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(credentialId);
    }

    PasskeyFactor counted(long newCount) {
        return new PasskeyFactor(credentialId, attestedCredentialData, newCount, registered);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PasskeyFactor p && Arrays.equals(credentialId, p.credentialId)
                && Arrays.equals(attestedCredentialData, p.attestedCredentialData) && signCount == p.signCount
                && registered.equals(p.registered);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(credentialId);
    }

    @Override
    public String toString() {
        return "PasskeyFactor[" + id() + ", count " + signCount + "]";
    }
}
