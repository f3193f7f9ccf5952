package dev.stsbridge.verifier.webidentity;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An identity provider that STS accepts web identity tokens from: an IAM OpenID Connect provider of the role's
 * account, or Cognito's built-in issuer.
 *
 * @param principal what a trust policy names as {@code Federated}: the provider's ARN, or
 *                  {@code cognito-identity.amazonaws.com}
 * @param issuer the exact {@code iss} its tokens carry
 * @param conditionPrefix the prefix of its condition keys ({@code <prefix>:aud}, {@code :sub}, {@code :amr}): the
 *                        issuer without {@code https://}, or {@code cognito-identity.amazonaws.com}
 * @param audiences whether an audience is accepted (IAM: one of the client IDs; Cognito: an identity pool's ID)
 * @param keys where its signing keys come from
 * @param accountId the account the provider belongs to (IAM), if any
 */
public record WebIdentityProvider(String principal, String issuer, String conditionPrefix, Predicate<String> audiences,
                                  KeySource keys, Optional<String> accountId) {
    public WebIdentityProvider {
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(conditionPrefix, "conditionPrefix");
        Objects.requireNonNull(audiences, "audiences");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(accountId, "accountId");
    }

    /** The provider of a token's {@code iss} for a role in {@code accountId}. */
    @FunctionalInterface
    public interface Lookup {
        Optional<WebIdentityProvider> find(String accountId, String issuer);

        /** This lookup, then {@code other}. */
        default Lookup or(Lookup other) {
            return (account, issuer) -> find(account, issuer).or(() -> other.find(account, issuer));
        }
    }
}
