package dev.stsbridge.verifier;

import java.util.Objects;

import dev.stsbridge.verifier.auth.Accounts;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.sts.CredentialIssuer;

/**
 * What the platform half of the verifier gives the SAML half: settings (clock, skew, one-time use), the accounts
 * (aliases for the role picker), the IAM state (providers and roles), and the credential issuer.
 */
public record VerifierCore(VerifierSettings settings, Accounts accounts, IamDirectory iam,
                           CredentialIssuer credentials) {
    public VerifierCore {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(accounts, "accounts");
        Objects.requireNonNull(iam, "iam");
        Objects.requireNonNull(credentials, "credentials");
    }
}
