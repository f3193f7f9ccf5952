package dev.stsbridge.idp.sso;

import java.util.List;
import java.util.Objects;

import dev.stsbridge.idp.assertion.SignedResponse;
import dev.stsbridge.idp.claims.Resolution;
import dev.stsbridge.idp.rules.AwsRuleViolation;

/**
 * What {@link SsoService#respond} decided: a form to post, or a refusal by the pre-flight check (nothing was
 * signed or sent; the violations say exactly what is wrong).
 */
public sealed interface SsoOutcome {

    /** The signed response is ready to post. */
    record Posted(PostForm form) implements SsoOutcome {
        public Posted {
            Objects.requireNonNull(form, "form");
        }

        /** The signed response document (for {@code --format xml} and the explain page; never logged). */
        public SignedResponse response() {
            return form.response();
        }
    }

    /** The claims break AWS's rules; AWS would answer only "invalid SAML response", so we say why instead. */
    record Refused(Resolution resolution, List<AwsRuleViolation> violations) implements SsoOutcome {
        public Refused {
            Objects.requireNonNull(resolution, "resolution");
            violations = List.copyOf(violations);
            if (violations.isEmpty()) {
                throw new IllegalArgumentException("a refusal names at least one violation");
            }
        }
    }
}
