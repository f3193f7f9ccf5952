package dev.stsbridge.verifier.sts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.auth.Caller;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.policy.Evaluation;
import dev.stsbridge.verifier.policy.PolicySourceType;
import dev.stsbridge.verifier.policy.PrincipalType;
import dev.stsbridge.verifier.policy.SessionPermissions;
import dev.stsbridge.verifier.policy.SessionPolicies;
import dev.stsbridge.verifier.policy.SourcedPolicy;
import dev.stsbridge.verifier.policy.TrustPolicies;

/**
 * STS {@code AssumeRole} as one flow. Who may: an IAM user or a role session (root: "Roles may not be assumed by root
 * accounts."; federated users may call no STS action but GetCallerIdentity). The one policy engine decides, with the
 * caller's identity policies, boundary and session policies and the role's trust policy as the resource-based policy
 * (IAM User Guide, "Policy evaluation logic"; role trust policies are the exception that must always allow): in the
 * same account a trust policy naming the caller itself (user or session ARN) or its role suffices, one naming the
 * account needs an identity-based Allow too; across accounts both must allow. Then {@code sts:TagSession} when the new
 * session carries tags and {@code sts:SetSourceIdentity} when it carries a SourceIdentity, the same way.
 */
public final class AssumeRole {
    private static final Logger LOG = LoggerFactory.getLogger(AssumeRole.class);
    static final int DEFAULT_SECONDS = 3600;
    static final int CHAINED_MAX_SECONDS = 3600;

    private final IamDirectory iam;
    private final TrustPolicies trustPolicies;
    private final SessionPermissions permissions;
    private final MfaCheck mfa;
    private final CredentialIssuer credentials;
    private final Clock clock;

    public AssumeRole(IamDirectory iam, TrustPolicies trustPolicies, SessionPermissions permissions, MfaCheck mfa,
                      CredentialIssuer credentials, Clock clock) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.trustPolicies = Objects.requireNonNull(trustPolicies, "trustPolicies");
        this.permissions = Objects.requireNonNull(permissions, "permissions");
        this.mfa = Objects.requireNonNull(mfa, "mfa");
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws AwsException with AWS's code and message on any refusal */
    public IssuedCredentials handle(Caller caller, AssumeRoleRequest request) {
        Instant now                = clock.instant();
        StsPrincipal principal     = mayAssumeRoles(StsPrincipal.of(caller), request.roleArn());
        principal                  = withMfa(principal, request, now);                // SerialNumber + TokenCode
        ChainedSession chain       = ChainedSession.of(principal.session(), request); // tags, SourceIdentity
        IamRole role               = trustedRole(principal, request, chain);          // the policy engine
        Instant expiry             = now.plus(Duration.ofSeconds(durationSeconds(principal, role, request)));
        int packed                 = SessionPolicies.packedPolicySize(request.policy(), request.policyArns(),
                                                                      chain.tags());
        return issue(principal, role, request, chain, expiry, packed);
    }

    private static StsPrincipal mayAssumeRoles(StsPrincipal principal, String roleArn) {
        if (principal.type() == PrincipalType.ACCOUNT) {
            throw StsRefusals.accessDenied(StsRefusals.ROOT_MAY_NOT_ASSUME);
        }
        if (principal.type() == PrincipalType.FEDERATED_USER) {
            throw StsRefusals.notAuthorized(principal.arn(), "sts:AssumeRole", roleArn);
        }
        return principal;
    }

    private StsPrincipal withMfa(StsPrincipal principal, AssumeRoleRequest request, Instant now) {
        if (request.serialNumber().isEmpty()) {
            return principal;
        }
        boolean valid = request.tokenCode().isPresent() && principal.userArn()
                .filter(user -> mfa.authenticate(user, request.serialNumber().get(), request.tokenCode().get()))
                .isPresent();
        if (!valid) {
            throw StsRefusals.accessDenied(StsRefusals.ASSUME_ROLE_MFA_FAILED);
        }
        return principal.withMfa(now);
    }

    private IamRole trustedRole(StsPrincipal principal, AssumeRoleRequest request, ChainedSession chain) {
        IamRole role = iam.role(request.roleArn())
                .orElseThrow(() -> StsRefusals.notAuthorized(principal.arn(), "sts:AssumeRole", request.roleArn()));
        SourcedPolicy trust;
        try {
            trust = new SourcedPolicy("RoleTrustPolicy", PolicySourceType.RESOURCE,
                    trustPolicies.parse(role.assumeRolePolicyDocument()).policy());
        } catch (AwsException e) {
            throw StsRefusals.notAuthorized(principal.arn(), "sts:AssumeRole", role.arn());
        }
        Map<String, List<String>> keys = requestKeys(request, chain);
        require(principal, role, trust, "sts:AssumeRole", keys);
        if (!chain.tags().isEmpty()) {
            require(principal, role, trust, "sts:TagSession", keys);
        }
        if (chain.sourceIdentity().isPresent()) {
            require(principal, role, trust, "sts:SetSourceIdentity", keys);
        }
        return role;
    }

    /**
     * Allowed by the engine (the caller's policies with the trust policy as the resource-based policy), and the trust
     * policy itself allows the caller (role trust policies must always allow, even where an identity-based Allow
     * would suffice for another resource): asked of the same engine as a cross-account request whose identity side
     * allows everything, so that only the trust policy decides.
     */
    private void require(StsPrincipal principal, IamRole role, SourcedPolicy trust, String action,
                         Map<String, List<String>> keys) {
        boolean crossAccount = !role.accountId().equals(principal.facts().accountId());
        Evaluation evaluation = permissions.evaluate(principal.facts(), action, role.arn(), trust, crossAccount, keys);
        boolean trusted = permissions.resourcePolicyAllows(principal.facts(), action, role.arn(), trust, keys);
        if (!evaluation.allowed() || !trusted) {
            throw StsRefusals.notAuthorized(principal.arn(), action, role.arn());
        }
    }

    /** The condition keys AssumeRole adds to the request context (IAM User Guide, "AWS STS condition keys"). */
    static Map<String, List<String>> requestKeys(AssumeRoleRequest request, ChainedSession chain) {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("sts:RoleSessionName", List.of(request.roleSessionName()));
        request.externalId().ifPresent(id -> keys.put("sts:ExternalId", List.of(id)));
        chain.sourceIdentity().ifPresent(id -> keys.put("sts:SourceIdentity", List.of(id)));
        request.tags().forEach((key, value) -> keys.put("aws:RequestTag/" + key, List.of(value)));
        if (!request.tags().isEmpty()) {
            keys.put("aws:TagKeys", new ArrayList<>(request.tags().keySet()));
        }
        if (!request.transitiveTagKeys().isEmpty()) {
            keys.put("sts:TransitiveTagKeys", request.transitiveTagKeys());
        }
        return keys;
    }

    /**
     * DurationSeconds (default 3600): at most one hour when temporary credentials call (role chaining; AWS applies the
     * same cap to GetSessionToken credentials), and at most the role's MaxSessionDuration.
     */
    static int durationSeconds(StsPrincipal principal, IamRole role, AssumeRoleRequest request) {
        int seconds = request.durationSeconds().orElse(DEFAULT_SECONDS);
        if (principal.temporary() && seconds > CHAINED_MAX_SECONDS) {
            throw StsRefusals.validation(StsRefusals.CHAINED_OVER_AN_HOUR);
        }
        if (seconds > role.maxSessionDurationSeconds()) {
            throw StsRefusals.validation(StsRefusals.OVER_MAX_SESSION_DURATION);
        }
        return seconds;
    }

    private IssuedCredentials issue(StsPrincipal principal, IamRole role, AssumeRoleRequest request,
                                    ChainedSession chain, Instant expiry, int packed) {
        String partition = role.arn().split(":")[1];
        String sessionArn = "arn:" + partition + ":sts::" + role.accountId() + ":assumed-role/" + role.name() + "/"
                + request.roleSessionName();
        SessionOrigin origin = principal.type() == PrincipalType.ASSUMED_ROLE ? SessionOrigin.ROLE_CHAINING
                : SessionOrigin.ASSUME_ROLE;
        SessionGrant grant = new SessionGrant(role.accountId(), role.arn(), sessionArn,
                role.roleId() + ":" + request.roleSessionName(), expiry, chain.tags(), chain.transitiveTagKeys(),
                chain.sourceIdentity(), request.policy(), request.policyArns(), origin,
                principal.facts().mfaAuthenticatedAt());
        TemporaryCredentials issued = credentials.issue(grant);
        LOG.info("AssumeRole: {} assumed {} until {} (access key {})", principal.arn(), sessionArn, expiry,
                issued.accessKeyId());
        boolean passed = request.policy().isPresent() || !request.policyArns().isEmpty() || !chain.tags().isEmpty();
        return new IssuedCredentials(issued, grant, packed, passed);
    }

    /** The role session for an EC2 instance profile (the instance metadata model): no caller, no trust check here. */
    public IssuedCredentials forInstance(IamRole role, String instanceId, Duration lifetime) {
        Instant expiry = clock.instant().plus(lifetime);
        SessionGrant grant = new SessionGrant(role.accountId(), role.arn(), "arn:aws:sts::" + role.accountId()
                + ":assumed-role/" + role.name() + "/" + instanceId, role.roleId() + ":" + instanceId, expiry,
                Map.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), SessionOrigin.ASSUME_ROLE);
        return new IssuedCredentials(credentials.issue(grant), grant, 0, false);
    }
}
