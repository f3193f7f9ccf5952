package dev.stsbridge.verifier.webidentity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.iam.Arns;
import dev.stsbridge.verifier.policy.SessionPolicies;
import dev.stsbridge.verifier.sts.CredentialIssuer;
import dev.stsbridge.verifier.sts.SessionGrant;
import dev.stsbridge.verifier.sts.SessionOrigin;
import dev.stsbridge.verifier.sts.StsRefusals;
import dev.stsbridge.verifier.sts.TemporaryCredentials;

/**
 * STS {@code AssumeRoleWithWebIdentity} as one pipeline, each stage returning a more trusted type that only it makes:
 * parse (compact JWS, allowed algorithm) -> provider of {@code iss} in the role's account -> verify (the provider's
 * keys only) -> validate (iss, aud/azp, exp/nbf/iat with the skew, sub, tags, SourceIdentity) -> authorise (trust
 * policy through the policy engine) -> DurationSeconds (default 3600, at most the role's MaxSessionDuration) -> packed
 * size of session policies and tags -> credentials. Cognito's GetCredentialsForIdentity runs the same pipeline.
 */
public final class AssumeRoleWithWebIdentity {
    private static final Logger LOG = LoggerFactory.getLogger(AssumeRoleWithWebIdentity.class);
    private static final int DEFAULT_DURATION_SECONDS = 3600;

    private final WebIdentityProvider.Lookup providers;
    private final WebIdentityAuthorizer trustPolicies;
    private final CredentialIssuer credentials;
    private final Clock clock;
    private final Duration skew;

    public AssumeRoleWithWebIdentity(WebIdentityProvider.Lookup providers, WebIdentityAuthorizer trustPolicies,
                                     CredentialIssuer credentials, Clock clock, Duration skew) {
        this.providers = Objects.requireNonNull(providers, "providers");
        this.trustPolicies = Objects.requireNonNull(trustPolicies, "trustPolicies");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.skew = Objects.requireNonNull(skew, "skew");
    }

    public WebIdentityResult handle(WebIdentityRequest request) {
        ValidatedToken claims     = validate(request.webIdentityToken(), roleAccount(request));
        AuthorizedWebIdentity role = trustPolicies.authorize(request.roleArn(), request.roleSessionName(), claims);
        Instant expiry            = expiry(role, request);
        int packedPolicySize      = SessionPolicies.packedPolicySize(request.policy(), request.policyArns(),
                                                                     claims.sessionTags().tags());
        return issue(role, expiry, packedPolicySize, request);
    }

    /**
     * The token checks alone: parse -> provider of {@code iss} in {@code accountId} -> verify -> validate. Also how
     * Cognito checks the tokens of a {@code Logins} map: one code path for every web identity token.
     */
    public ValidatedToken validate(String token, String accountId) {
        ParsedToken parsed        = ParsedToken.parse(token);
        WebIdentityProvider idp   = providers.find(accountId, parsed.issuer())
                .orElseThrow(() -> WebIdentityErrors.noProvider(parsed.issuer()));
        VerifiedToken verified    = VerifiedToken.verify(parsed, idp);
        return ValidatedToken.validate(verified, clock.instant(), skew);
    }

    private static String roleAccount(WebIdentityRequest request) {
        if (request.providerId().isPresent()) {
            throw WebIdentityErrors.invalid("ProviderId is for OAuth 2.0 access tokens (www.amazon.com, "
                    + "graph.facebook.com), which this model does not accept; send an OpenID Connect ID token without it.");
        }
        return Arns.parseRole(request.roleArn()).map(Arns.RoleName::accountId)
                .orElseThrow(() -> AwsError.validation("Request ARN is invalid").exception());
    }

    private Instant expiry(AuthorizedWebIdentity role, WebIdentityRequest request) {
        int seconds = request.durationSeconds().orElse(DEFAULT_DURATION_SECONDS);
        if (seconds > role.role().maxSessionDurationSeconds()) {
            throw StsRefusals.validation(StsRefusals.OVER_MAX_SESSION_DURATION);
        }
        return clock.instant().plusSeconds(seconds);
    }

    private WebIdentityResult issue(AuthorizedWebIdentity role, Instant expiry, int packedPolicySize,
                                    WebIdentityRequest request) {
        ValidatedToken claims = role.claims();
        SessionGrant grant = new SessionGrant(role.role().accountId(), role.role().arn(), role.assumedRoleArn(),
                role.assumedRoleId(), expiry, claims.sessionTags().tags(), claims.sessionTags().transitiveTagKeys(),
                claims.sourceIdentity(), request.policy(), request.policyArns(),
                SessionOrigin.ASSUME_ROLE_WITH_WEB_IDENTITY);
        TemporaryCredentials issued = credentials.issue(grant);
        LOG.info("AssumeRoleWithWebIdentity: token {} of {} from {} assumed {} until {} (access key {})",
                claims.tokenId().orElse("-"), claims.subject(), claims.provider().issuer(), grant.assumedRoleArn(),
                expiry, issued.accessKeyId());
        boolean passed = request.policy().isPresent() || !request.policyArns().isEmpty()
                || !claims.sessionTags().isEmpty();
        return new WebIdentityResult(issued, grant, packedPolicySize, passed, claims.subject(),
                claims.provider().issuer(), claims.audience());
    }
}
