package dev.stsbridge.idp.web.portal;

import java.util.List;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.rules.Explanation;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.web.html.Page;

/** The values of the explain page, from an {@link Explanation}. */
final class ExplainPage {

    private ExplainPage() {
    }

    /** One role pair as the page shows it. */
    public record PairView(String accountId, String accountName, String roleArn, String providerArn) {
    }

    static Page of(Explanation explanation, RoleChoice choice, String username) {
        AwsClaims claims = explanation.claims();
        List<PairView> pairs = claims.roles().stream().map(ExplainPage::pair).toList();
        List<SessionTag> tags = claims.tags();
        Page page = Page.titled("What AWS will see").with("username", username)
                .with("ok", explanation.ok())
                .with("violations", explanation.violations().stream().map(AwsRuleViolation::message).toList())
                .with("pairs", pairs)
                .with("roleSessionName", claims.roleSessionName())
                .with("sessionDuration", claims.sessionDurationSeconds().map(s -> s + " seconds").orElse("(not sent)"))
                .with("sourceIdentity", claims.sourceIdentity().orElse("(not sent)"))
                .with("transitiveTagKeys", claims.transitiveTagKeys().isEmpty() ? "(none)"
                        : String.join(", ", claims.transitiveTagKeys()))
                .with("tags", tags)
                .with("notes", explanation.notes())
                .with("hasNotes", !explanation.notes().isEmpty());
        if (!choice.isAll()) {
            page.with("choice", choice.toString());
        }
        return page;
    }

    private static PairView pair(AwsRolePair pair) {
        return new PairView(pair.accountId(), pair.accountName(), pair.roleArn(), pair.providerArn());
    }
}
