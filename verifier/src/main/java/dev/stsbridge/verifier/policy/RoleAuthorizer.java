package dev.stsbridge.verifier.policy;

import java.util.Objects;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.saml.StsErrors;
import dev.stsbridge.verifier.saml.validation.RolePair;
import dev.stsbridge.verifier.saml.validation.ValidatedClaims;

/**
 * Step "authorise": the role exists in the provider's account and its trust policy allows
 * {@code sts:AssumeRoleWithSAML} for {@code Federated: <provider ARN>} with the SAML context, plus
 * {@code sts:TagSession} when session tags are passed and {@code sts:SetSourceIdentity} when a SourceIdentity is.
 * Every refusal is {@code AccessDenied}: "Not authorized to perform sts:AssumeRoleWithSAML" (AWS's message), or the
 * same wording naming sts:TagSession / sts:SetSourceIdentity.
 */
public final class RoleAuthorizer {
    private final IamDirectory iam;
    private final TrustPolicies trustPolicies;

    public RoleAuthorizer(IamDirectory iam, TrustPolicies trustPolicies) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.trustPolicies = Objects.requireNonNull(trustPolicies, "trustPolicies");
    }

    public AuthorizedRole authorize(RolePair pair, ValidatedClaims claims) {
        IamRole role = iam.role(pair.roleArn())
                .filter(r -> r.accountId().equals(claims.provider().accountId()))
                .orElseThrow(() -> new AwsException(StsErrors.notAuthorized()));
        TrustPolicy policy = trustPolicy(role);
        RequestContext context = new RequestContext("sts:AssumeRoleWithSAML", claims.provider().arn(),
                SamlContextKeys.of(claims, role));
        require(policy, context, StsErrors.NOT_AUTHORIZED);
        if (!claims.sessionTags().isEmpty()) {
            require(policy, context.forAction("sts:TagSession"), "Not authorized to perform sts:TagSession");
        }
        if (claims.sourceIdentity().isPresent()) {
            require(policy, context.forAction("sts:SetSourceIdentity"),
                    "Not authorized to perform sts:SetSourceIdentity");
        }
        return new AuthorizedRole(role, pair, claims);
    }

    private TrustPolicy trustPolicy(IamRole role) {
        try {
            return trustPolicies.parse(role.assumeRolePolicyDocument());
        } catch (AwsException e) {
            throw new AwsException(StsErrors.notAuthorized());
        }
    }

    private static void require(TrustPolicy policy, RequestContext context, String message) {
        if (policy.evaluate(context) != TrustPolicy.Decision.ALLOW) {
            throw new AwsException(AwsError.accessDenied(message));
        }
    }
}
