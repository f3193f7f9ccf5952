package dev.stsbridge.verifier.sts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.policy.Evaluation;
import dev.stsbridge.verifier.policy.PrincipalType;
import dev.stsbridge.verifier.policy.SessionPermissions;
import dev.stsbridge.verifier.policy.SessionPolicies;

/**
 * STS {@code GetFederationToken} and {@code GetSessionToken}, both only for long-term credentials (an IAM user's, or
 * the root user's): temporary credentials are refused with AWS's "Cannot call GetFederationToken with session
 * credentials". GetFederationToken needs {@code sts:GetFederationToken} on
 * {@code arn:aws:sts::<account>:federated-user/<Name>} (and {@code sts:TagSession} with tags) in the user's identity
 * policies; the federated user may do what both the user's policies and the session policies allow (none passed:
 * nothing). GetSessionToken needs no permission and, with SerialNumber + TokenCode, carries MFA. Durations (AWS's
 * API reference): 900-129,600 s, default 43,200, at most 3,600 for the root user (default 3,600 for GetSessionToken).
 */
public final class FederationTokens {
    private static final Logger LOG = LoggerFactory.getLogger(FederationTokens.class);
    static final int DEFAULT_SECONDS = 43_200;
    static final int ROOT_MAX_SECONDS = 3_600;

    private final SessionPermissions permissions;
    private final MfaCheck mfa;
    private final CredentialIssuer credentials;
    private final Clock clock;

    public FederationTokens(SessionPermissions permissions, MfaCheck mfa, CredentialIssuer credentials, Clock clock) {
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.mfa = Objects.requireNonNull(mfa, "mfa");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** GetFederationToken's parameters. */
    public record FederationRequest(String name, Optional<Integer> durationSeconds, Optional<String> policy,
                                    List<String> policyArns, Map<String, String> tags) {
        public FederationRequest {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(durationSeconds, "durationSeconds");
            Objects.requireNonNull(policy, "policy");
            policyArns = List.copyOf(policyArns);
            tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
        }
    }

    public IssuedCredentials getFederationToken(Caller caller, FederationRequest request) {
        StsPrincipal principal = longTerm(caller, "GetFederationToken");
        String account = principal.facts().accountId();
        String federatedArn = "arn:aws:sts::" + account + ":federated-user/" + request.name();
        require(principal, "sts:GetFederationToken", federatedArn);
        checkTags(request.tags());
        if (!request.tags().isEmpty()) {
            require(principal, "sts:TagSession", federatedArn);
        }
        int seconds = seconds(principal, request.durationSeconds(), DEFAULT_SECONDS);
        int packed = SessionPolicies.packedPolicySize(request.policy(), request.policyArns(), request.tags());
        Instant expiry = clock.instant().plus(Duration.ofSeconds(seconds));
        SessionGrant grant = new SessionGrant(account, principal.facts().roleArn(), federatedArn,
                account + ":" + request.name(), expiry, request.tags(), List.of(), Optional.empty(), request.policy(),
                request.policyArns(), SessionOrigin.GET_FEDERATION_TOKEN);
        TemporaryCredentials issued = credentials.issue(grant);
        LOG.info("GetFederationToken: {} federated {} until {} (access key {})", principal.arn(), federatedArn, expiry,
                issued.accessKeyId());
        boolean passed = request.policy().isPresent() || !request.policyArns().isEmpty() || !request.tags().isEmpty();
        return new IssuedCredentials(issued, grant, packed, passed);
    }

    public IssuedCredentials getSessionToken(Caller caller, Optional<Integer> durationSeconds,
                                             Optional<String> serialNumber, Optional<String> tokenCode) {
        StsPrincipal principal = longTerm(caller, "GetSessionToken");
        boolean root = principal.type() == PrincipalType.ACCOUNT;
        int seconds = seconds(principal, durationSeconds, root ? ROOT_MAX_SECONDS : DEFAULT_SECONDS);
        Instant now = clock.instant();
        Optional<Instant> mfaAt = Optional.empty();
        if (serialNumber.isPresent() || tokenCode.isPresent()) {
            boolean valid = serialNumber.isPresent() && tokenCode.isPresent() && principal.userArn()
                    .filter(user -> mfa.authenticate(user, serialNumber.get(), tokenCode.get())).isPresent();
            if (!valid) {
                throw StsRefusals.accessDenied(StsRefusals.SESSION_TOKEN_MFA_FAILED);
            }
            mfaAt = Optional.of(now);
        }
        String arn = principal.facts().roleArn();
        SessionGrant grant = new SessionGrant(principal.facts().accountId(), arn, arn, principal.facts().userId(),
                now.plus(Duration.ofSeconds(seconds)), Map.of(), List.of(), Optional.empty(), Optional.empty(),
                List.of(), SessionOrigin.GET_SESSION_TOKEN, mfaAt);
        TemporaryCredentials issued = credentials.issue(grant);
        LOG.info("GetSessionToken: {} until {}{} (access key {})", arn, grant.expiration(),
                mfaAt.isPresent() ? " with MFA" : "", issued.accessKeyId());
        return new IssuedCredentials(issued, grant, 0, false);
    }

    private static StsPrincipal longTerm(Caller caller, String action) {
        StsPrincipal principal = StsPrincipal.of(caller);
        if (principal.temporary()) {
            throw StsRefusals.sessionCredentials(action);
        }
        return principal;
    }

    private void require(StsPrincipal principal, String action, String resource) {
        if (principal.type() == PrincipalType.ACCOUNT) {
            return; // the root user's own permissions are not limited by policies
        }
        Evaluation evaluation = permissions.evaluate(principal.facts(), action, resource, Map.of());
        evaluation.refusalReason(action).ifPresent(reason -> {
            throw StsRefusals.accessDenied("User: " + principal.arn() + " is not authorized to perform: " + action
                    + " on resource: " + resource + " " + reason);
        });
    }

    /** At most one hour for the root user (AWS: "the operation fails" above it; the message is our choice). */
    private static int seconds(StsPrincipal principal, Optional<Integer> requested, int defaultSeconds) {
        int seconds = requested.orElse(principal.type() == PrincipalType.ACCOUNT
                ? Math.min(defaultSeconds, ROOT_MAX_SECONDS) : defaultSeconds);
        if (principal.type() == PrincipalType.ACCOUNT && seconds > ROOT_MAX_SECONDS) {
            throw StsRefusals.validation("The requested DurationSeconds exceeds the 1 hour session limit for the "
                    + "root user.");
        }
        return seconds;
    }

    private static void checkTags(Map<String, String> tags) {
        Set<String> keys = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String key : tags.keySet()) {
            if (!keys.add(key)) {
                throw StsRefusals.validation("Duplicate tag keys found. Please note that Tag keys are case insensitive.");
            }
        }
    }
}
