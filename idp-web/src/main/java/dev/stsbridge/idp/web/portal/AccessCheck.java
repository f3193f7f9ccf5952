package dev.stsbridge.idp.web.portal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.stsbridge.idp.sso.SignedInUser;

/**
 * "May my session do this?" for the {@code /explain} page: one of the signed-in person's roles, an action, a resource
 * and its tags, answered by AWS's side (STS, then IAM's policy simulator). The web server only asks; whoever starts it
 * supplies the implementation (the demo: against the verifier). Without one, the page shows no form.
 */
public interface AccessCheck {

    /**
     * @throws Refused when the check could not be made (the role is not the person's, STS refused, AWS unreachable)
     */
    Result check(SignedInUser person, Request request);

    /**
     * @param account the account ID
     * @param role the role name (with its path)
     * @param action {@code service:Action}
     * @param resource the resource ARN
     * @param resourceTags the resource's tags ({@code aws:ResourceTag/<key>})
     */
    record Request(String account, String role, String action, String resource, Map<String, String> resourceTags) {
        public Request {
            Objects.requireNonNull(account, "account");
            Objects.requireNonNull(role, "role");
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(resource, "resource");
            resourceTags = Collections.unmodifiableMap(new LinkedHashMap<>(resourceTags));
        }
    }

    /**
     * The answer.
     *
     * @param principalArn the assumed-role ARN of the session
     * @param principalTags the session tags AWS accepted
     * @param decision {@code allowed}, {@code explicitDeny} or {@code implicitDeny}, as IAM spells it
     * @param statements the deciding statements, each described in one line
     *                   ({@code statement "TeamResources" of policy abac-team-access (IAM Policy), lines 4-21})
     * @param evaluatedPolicies the role's policies, when none allowed
     * @param missingContextValues context keys the policies use that were not given
     */
    record Result(String principalArn, Map<String, String> principalTags, String decision, List<String> statements,
                  List<String> evaluatedPolicies, List<String> missingContextValues) {
        public Result {
            Objects.requireNonNull(principalArn, "principalArn");
            principalTags = Collections.unmodifiableMap(new LinkedHashMap<>(principalTags));
            Objects.requireNonNull(decision, "decision");
            statements = List.copyOf(statements);
            evaluatedPolicies = List.copyOf(evaluatedPolicies);
            missingContextValues = List.copyOf(missingContextValues);
        }

        public boolean allowed() {
            return "allowed".equals(decision);
        }
    }

    /** The check could not be made; the message says why, in one sentence for the person. */
    final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
