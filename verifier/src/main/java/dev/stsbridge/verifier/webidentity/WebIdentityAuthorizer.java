package dev.stsbridge.verifier.webidentity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.policy.RequestContext;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.policy.TrustPolicy;

/**
 * Step "authorise": the role exists (in the provider's account, for an IAM OpenID Connect provider) and its trust
 * policy, evaluated by the one policy engine with {@code Federated: <provider>}, allows
 * {@code sts:AssumeRoleWithWebIdentity} with the token's condition keys ({@code <provider>:aud}, {@code :sub},
 * {@code :amr}, {@code :oaud}, {@code aws:FederatedProvider}, {@code sts:RoleSessionName}), plus
 * {@code sts:TagSession} when the token carries session tags ({@code aws:RequestTag/*}, {@code aws:TagKeys},
 * {@code sts:TransitiveTagKeys}) and {@code sts:SetSourceIdentity} when it carries a SourceIdentity. Refusals are
 * {@code AccessDenied}: AWS's "Not authorized to perform sts:AssumeRoleWithWebIdentity", or the same words naming
 * sts:TagSession / sts:SetSourceIdentity.
 */
public final class WebIdentityAuthorizer {
    private final IamDirectory iam;
    private final TrustPolicies trustPolicies;

    public WebIdentityAuthorizer(IamDirectory iam, TrustPolicies trustPolicies) {
        this.iam = Objects.requireNonNull(iam, "iam");
        this.trustPolicies = Objects.requireNonNull(trustPolicies, "trustPolicies");
    }

    public AuthorizedWebIdentity authorize(String roleArn, String roleSessionName, ValidatedToken claims) {
        WebIdentityProvider provider = claims.provider();
        IamRole role = iam.role(roleArn)
                .filter(r -> provider.accountId().map(r.accountId()::equals).orElse(true))
                .orElseThrow(() -> WebIdentityErrors.notAuthorized(WebIdentityErrors.NOT_AUTHORIZED));
        TrustPolicy policy = trustPolicy(role);
        RequestContext context = new RequestContext("sts:AssumeRoleWithWebIdentity", provider.principal(),
                keys(claims, role, roleSessionName));
        require(policy, context, WebIdentityErrors.NOT_AUTHORIZED);
        if (!claims.sessionTags().isEmpty()) {
            require(policy, context.forAction("sts:TagSession"), "Not authorized to perform sts:TagSession");
        }
        if (claims.sourceIdentity().isPresent()) {
            require(policy, context.forAction("sts:SetSourceIdentity"),
                    "Not authorized to perform sts:SetSourceIdentity");
        }
        return new AuthorizedWebIdentity(role, claims, roleSessionName);
    }

    /** The request context of a web identity token, as AWS's condition-key reference lists it. */
    static Map<String, List<String>> keys(ValidatedToken claims, IamRole role, String roleSessionName) {
        String prefix = claims.provider().conditionPrefix();
        Map<String, List<String>> keys = new HashMap<>();
        keys.put(prefix + ":aud", List.of(claims.audience()));
        keys.put(prefix + ":sub", List.of(claims.subject()));
        if (!claims.amr().isEmpty()) {
            keys.put(prefix + ":amr", claims.amr());
        }
        if (!claims.originalAudiences().isEmpty()) {
            keys.put(prefix + ":oaud", claims.originalAudiences());
        }
        keys.put("aws:FederatedProvider", List.of(claims.provider().principal()));
        keys.put("sts:RoleSessionName", List.of(roleSessionName));
        Map<String, String> tags = claims.sessionTags().tags();
        if (!tags.isEmpty()) {
            tags.forEach((key, value) -> keys.put("aws:RequestTag/" + key, List.of(value)));
            keys.put("aws:TagKeys", new ArrayList<>(tags.keySet()));
        }
        if (!claims.sessionTags().transitiveTagKeys().isEmpty()) {
            keys.put("sts:TransitiveTagKeys", claims.sessionTags().transitiveTagKeys());
        }
        claims.sourceIdentity().ifPresent(id -> keys.put("sts:SourceIdentity", List.of(id)));
        role.tags().forEach((key, value) -> keys.put("aws:ResourceTag/" + key, List.of(value)));
        return keys;
    }

    private TrustPolicy trustPolicy(IamRole role) {
        try {
            return trustPolicies.parse(role.assumeRolePolicyDocument());
        } catch (AwsException e) {
            throw WebIdentityErrors.notAuthorized(WebIdentityErrors.NOT_AUTHORIZED);
        }
    }

    private static void require(TrustPolicy policy, RequestContext context, String message) {
        if (policy.evaluate(context) != TrustPolicy.Decision.ALLOW) {
            throw WebIdentityErrors.notAuthorized(message);
        }
    }
}
