package dev.stsbridge.verifier.imds;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.Arns;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.policy.RequestContext;
import dev.stsbridge.verifier.policy.Requester;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.policy.TrustPolicy;
import dev.stsbridge.verifier.sts.AssumeRole;
import dev.stsbridge.verifier.sts.IssuedCredentials;

/**
 * The instance profile role's current credentials, as EC2 keeps them: issued by STS for the role (session name = the
 * instance ID) when the role's trust policy lets {@code ec2.amazonaws.com} call {@code sts:AssumeRole} (the one
 * policy engine decides), and replaced by new ones {@code refreshBefore} their expiry, so that a client always finds
 * credentials with time left.
 */
final class InstanceCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceCredentials.class);
    static final String EC2 = "ec2.amazonaws.com";

    /** Credentials, or why there are none. */
    record Answer(Optional<IssuedCredentials> credentials, String problem) {
    }

    private final ImdsSettings settings;
    private final IamDirectory iam;
    private final TrustPolicies trustPolicies = new TrustPolicies();
    private final AssumeRole sts;
    private final Clock clock;
    private IssuedCredentials current;

    InstanceCredentials(ImdsSettings settings, IamDirectory iam, AssumeRole sts, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.iam = Objects.requireNonNull(iam, "iam");
        this.sts = Objects.requireNonNull(sts, "sts");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The role ARN of the instance profile: the setting itself, or a name in {@code accountId}. */
    static String roleArn(String role, String accountId) {
        return role.startsWith("arn:") ? role : Arns.role(accountId, "/", role);
    }

    synchronized Answer current(String accountId) {
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.credentials().expiration().minus(settings.refreshBefore()))) {
            return new Answer(Optional.of(current), "");
        }
        String arn = roleArn(settings.role(), accountId);
        Optional<IamRole> role = iam.role(arn);
        if (role.isEmpty()) {
            return new Answer(Optional.empty(), "The role " + arn + " does not exist.");
        }
        if (!trusts(role.get())) {
            return new Answer(Optional.empty(), "EC2 cannot assume the role " + role.get().name()
                    + ": its trust policy does not allow sts:AssumeRole for the service " + EC2 + ".");
        }
        current = sts.forInstance(role.get(), settings.instanceId(), settings.credentialLifetime());
        LOG.info("instance metadata: new credentials {} for {} until {}", current.credentials().accessKeyId(),
                current.grant().assumedRoleArn(), current.credentials().expiration());
        return new Answer(Optional.of(current), "");
    }

    private boolean trusts(IamRole role) {
        try {
            TrustPolicy policy = trustPolicies.parse(role.assumeRolePolicyDocument());
            return policy.evaluate(RequestContext.of(Requester.service(EC2), "sts:AssumeRole", role.arn(), Map.of()))
                    == TrustPolicy.Decision.ALLOW;
        } catch (AwsException e) {
            return false;
        }
    }
}
