package dev.stsbridge.verifier.webidentity;

import java.util.Optional;
import java.util.Set;

import dev.stsbridge.verifier.iam.Arns;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.OidcProvider;

/**
 * Finds the IAM OpenID Connect provider of a token's {@code iss} in the role's account: the provider whose ARN is
 * {@code arn:aws:iam::<account>:oidc-provider/<iss without https://>}. An {@code iss} that is not {@code https://}
 * names no provider (IAM registers none).
 */
public final class IamOidcLookup implements WebIdentityProvider.Lookup {
    private final IamDirectory iam;
    private final OidcKeys keys;

    public IamOidcLookup(IamDirectory iam, OidcKeys keys) {
        this.iam = iam;
        this.keys = keys;
    }

    @Override
    public Optional<WebIdentityProvider> find(String accountId, String issuer) {
        if (!issuer.startsWith("https://")) {
            return Optional.empty();
        }
        return iam.oidcProvider(Arns.oidcProvider(accountId, issuer.substring("https://".length())))
                .map(this::provider);
    }

    private WebIdentityProvider provider(OidcProvider p) {
        return new WebIdentityProvider(p.arn(), p.issuer(), p.url(), Set.copyOf(p.clientIds())::contains,
                keys.of(p.issuer(), p.thumbprints()), Optional.of(p.accountId()));
    }
}
