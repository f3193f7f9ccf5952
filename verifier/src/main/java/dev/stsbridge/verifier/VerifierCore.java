package dev.stsbridge.verifier;

import java.util.Objects;

import dev.stsbridge.verifier.auth.Accounts;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.signin.ConsoleSessions;
import dev.stsbridge.verifier.sts.CredentialIssuer;

/**
 * What the platform half of the verifier gives the SAML half: settings (clock, skew, one-time use), the accounts
 * (aliases for the role picker), the IAM state (providers and roles), the credential issuer, and the console
 * sessions (shared by the SAML sign-in and the federation endpoint).
 */
public record VerifierCore(VerifierSettings settings, Accounts accounts, IamDirectory iam,
                           CredentialIssuer credentials, ConsoleSessions consoleSessions) {
    public VerifierCore {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(iam, "iam");
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(consoleSessions, "consoleSessions");
    }

    /** A core with no console session yet. */
    public VerifierCore(VerifierSettings settings, Accounts accounts, IamDirectory iam, CredentialIssuer credentials) {
        this(settings, accounts, iam, credentials, new ConsoleSessions());
    }
}
