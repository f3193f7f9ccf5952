package dev.stsbridge.app.abac;

import java.util.List;

import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.portal.AccessCheck;

/** The explain page's access form, answered as {@code stsbridge abac} answers: one {@link AbacCheck} for both. */
public final class AbacAccessCheck implements AccessCheck {

    private final IdpApplication idp;
    private final AbacCheck check;

    public AbacAccessCheck(IdpApplication idp, AbacCheck check) {
        this.idp = idp;
        this.check = check;
    }

    @Override
    public Result check(SignedInUser person, Request request) {
        AbacResult result;
        try {
            result = check.check(idp, person, new AbacRequest(request.account(), request.role(), request.action(),
                    request.resource(), request.resourceTags(), List.of()));
        } catch (IllegalArgumentException | AbacFailure e) {
            throw new Refused(e.getMessage(), e);
        }
        return new Result(result.principalArn(), result.principalTags(), result.decision().wire(),
                result.matched().stream().map(AbacResult.Matched::describe).toList(), result.evaluatedPolicies(),
                result.missingContextValues());
    }
}
