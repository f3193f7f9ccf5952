package dev.stsbridge.verifier.cognito;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.cognito.CognitoState.Identity;
import dev.stsbridge.verifier.cognito.CognitoState.Pool;
import dev.stsbridge.verifier.iam.Arns;
import dev.stsbridge.verifier.sts.TemporaryCredentials;
import dev.stsbridge.verifier.webidentity.AssumeRoleWithWebIdentity;
import dev.stsbridge.verifier.webidentity.ValidatedToken;
import dev.stsbridge.verifier.webidentity.WebIdentityRequest;

/**
 * The unsigned Cognito calls. GetId: an identity for the login (the same one for the same provider and {@code sub}),
 * or an unauthenticated one where the pool allows it. GetOpenIdToken (basic flow): a token of the built-in issuer for
 * the identity. GetCredentialsForIdentity (enhanced flow): such a token, exchanged for the pool's authenticated or
 * unauthenticated role through AssumeRoleWithWebIdentity (session name {@value #SESSION_NAME}, one hour); a trust
 * policy that refuses it is AWS's {@code InvalidIdentityPoolConfigurationException}. A {@code Logins} entry names an
 * IAM OpenID Connect provider by its URL without {@code https://}; the pool must list that provider and the token goes
 * through AssumeRoleWithWebIdentity's own validator ({@link AssumeRoleWithWebIdentity#validate}).
 */
public final class CognitoFlows {
    static final String SESSION_NAME = "CognitoIdentityCredentials";
    static final String LOGINS_MISMATCH =
            "Logins don't match. Please include at least one valid login for this identity or identity pool.";

    private final IdentityPools pools;
    private final CognitoIssuer issuer;
    private final AssumeRoleWithWebIdentity webIdentity;

    public CognitoFlows(IdentityPools pools, CognitoIssuer issuer, AssumeRoleWithWebIdentity webIdentity) {
        this.pools = Objects.requireNonNull(pools, "pools");
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.webIdentity = Objects.requireNonNull(webIdentity, "webIdentity");
    }

    /** A checked login: the provider name (Logins key) and the validated token. */
    private record Login(String providerName, ValidatedToken claims) {
        String key() {
            return providerName + "|" + claims.subject();
        }
    }

    public String getId(String poolId, Map<String, String> logins) {
        Pool pool = pools.require(poolId);
        Optional<Login> login = login(pool, logins);
        if (login.isEmpty() && !pool.allowUnauthenticated()) {
            throw CognitoErrors.notAuthorized(CognitoErrors.UNAUTHENTICATED);
        }
        return pools.identity(pool.id(), login.map(Login::key).orElse("")).id();
    }

    public String getOpenIdToken(String identityId, Map<String, String> logins) {
        Identity identity = pools.requireIdentity(identityId);
        Pool pool = pools.require(identity.poolId());
        if (!pool.allowClassicFlow()) {
            throw CognitoErrors.invalidParameter(CognitoErrors.CLASSIC_FLOW_DISABLED);
        }
        return issuer.token(pool.id(), identity.id(), amr(pool, identity, logins));
    }

    public TemporaryCredentials getCredentialsForIdentity(String identityId, Map<String, String> logins,
                                                          Optional<String> customRoleArn) {
        if (customRoleArn.isPresent()) {
            throw CognitoErrors.invalidParameter("CustomRoleArn needs role mappings, which this model does not support.");
        }
        Identity identity = pools.requireIdentity(identityId);
        Pool pool = pools.require(identity.poolId());
        List<String> amr = amr(pool, identity, logins);
        String role = pool.roles().get(amr.get(0));
        if (role == null) {
            throw CognitoErrors.poolConfiguration();
        }
        String token = issuer.token(pool.id(), identity.id(), amr);
        try {
            return webIdentity.handle(new WebIdentityRequest(role, SESSION_NAME, token, Optional.empty(),
                    Optional.empty(), Optional.empty(), List.of())).credentials();
        } catch (AwsException e) {
            if ("AccessDenied".equals(e.error().code())) {
                throw CognitoErrors.poolConfiguration();
            }
            throw e;
        }
    }

    /** ["unauthenticated"], or ["authenticated", provider, provider:aud:sub] for the identity's own login. */
    private List<String> amr(Pool pool, Identity identity, Map<String, String> logins) {
        Optional<Login> login = login(pool, logins);
        if (login.isEmpty()) {
            if (!identity.login().isEmpty()) {
                throw CognitoErrors.notAuthorized(LOGINS_MISMATCH);
            }
            if (!pool.allowUnauthenticated()) {
                throw CognitoErrors.notAuthorized(CognitoErrors.UNAUTHENTICATED);
            }
            return List.of(IdentityPools.UNAUTHENTICATED);
        }
        if (!login.get().key().equals(identity.login())) {
            throw CognitoErrors.notAuthorized(LOGINS_MISMATCH);
        }
        String provider = login.get().providerName();
        ValidatedToken claims = login.get().claims();
        return List.of(IdentityPools.AUTHENTICATED, provider,
                provider + ":" + claims.audience() + ":" + claims.subject());
    }

    private Optional<Login> login(Pool pool, Map<String, String> logins) {
        if (logins.isEmpty()) {
            return Optional.empty();
        }
        if (logins.size() > 1) {
            throw CognitoErrors.invalidParameter("This model takes one login per call.");
        }
        Map.Entry<String, String> entry = logins.entrySet().iterator().next();
        String providerArn = Arns.oidcProvider(pool.accountId(), entry.getKey());
        if (!pool.openIdConnectProviderArns().contains(providerArn)) {
            throw CognitoErrors.notAuthorized(CognitoErrors.UNSUPPORTED_PROVIDER);
        }
        ValidatedToken claims;
        try {
            claims = webIdentity.validate(entry.getValue(), pool.accountId());
        } catch (AwsException e) {
            throw CognitoErrors.notAuthorized("Invalid login token. " + e.error().message());
        }
        if (!claims.provider().principal().equals(providerArn)) {
            throw CognitoErrors.notAuthorized("Invalid login token. Issuer doesn't match providerName");
        }
        return Optional.of(new Login(entry.getKey(), claims));
    }
}
