package dev.stsbridge.verifier.iam;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An IAM OpenID Connect provider: what {@code CreateOpenIDConnectProvider} stored.
 *
 * @param arn {@code arn:aws:iam::<account>:oidc-provider/<url without https://>}
 * @param accountId the owning account
 * @param url the issuer URL without its {@code https://} prefix, as IAM returns it ({@code Url})
 * @param clientIds the registered audiences, in the order added
 * @param thumbprints SHA-1 fingerprints (40 lower-case hex characters) of the certificates trusted for the issuer's
 *                    TLS server: the top intermediate CA of its chain, or the certificate itself when self-signed
 * @param createDate when it was created
 * @param tags IAM tags, in order
 */
public record OidcProvider(String arn, String accountId, String url, List<String> clientIds, List<String> thumbprints,
                           Instant createDate, List<Tag> tags) {
    public OidcProvider {
        Objects.requireNonNull(arn, "arn");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(createDate, "createDate");
        clientIds = List.copyOf(clientIds);
        thumbprints = List.copyOf(thumbprints);
        tags = List.copyOf(tags);
    }

    /** The issuer as tokens carry it in {@code iss}: {@code https://} + {@link #url()}. */
    public String issuer() {
        return "https://" + url;
    }

    public OidcProvider withClientIds(List<String> value) {
        return new OidcProvider(arn, accountId, url, value, thumbprints, createDate, tags);
    }

    public OidcProvider withThumbprints(List<String> value) {
        return new OidcProvider(arn, accountId, url, clientIds, value, createDate, tags);
    }

    public OidcProvider withTags(List<Tag> value) {
        return new OidcProvider(arn, accountId, url, clientIds, thumbprints, createDate, value);
    }
}
