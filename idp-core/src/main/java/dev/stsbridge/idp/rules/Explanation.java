package dev.stsbridge.idp.rules;

import java.util.List;
import java.util.Objects;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.SessionTag;

/**
 * What a person would send to AWS and whether AWS would take it: the claims, the pre-flight violations, and
 * notes on how the claims were made. The CLI prints {@link #render()}; the web page renders the fields.
 */
public record Explanation(AwsClaims claims, List<AwsRuleViolation> violations, List<String> notes) {

    public Explanation {
        Objects.requireNonNull(claims, "claims");
        violations = List.copyOf(violations);
        notes = List.copyOf(notes);
    }

    /** True when the pre-flight check passed and the assertion would be sent. */
    public boolean ok() {
        return violations.isEmpty();
    }

    /** Plain text, one fact per line. */
    public String render() {
        StringBuilder s = new StringBuilder();
        s.append("user: ").append(claims.username()).append('\n');
        s.append("roles (").append(claims.roles().size()).append("):").append(claims.roles().isEmpty() ? " none" : "")
                .append('\n');
        for (AwsRolePair pair : claims.roles()) {
            s.append("  ").append(pair.attributeValue()).append("  (").append(pair.accountName()).append(")\n");
        }
        s.append("RoleSessionName: ").append(claims.roleSessionName()).append('\n');
        s.append("SessionDuration: ").append(claims.sessionDurationSeconds().map(String::valueOf).orElse("(not sent)"))
                .append('\n');
        s.append("SourceIdentity: ").append(claims.sourceIdentity().orElse("(not sent)")).append('\n');
        s.append("session tags (").append(claims.tags().size()).append("):").append(claims.tags().isEmpty() ? " none" : "")
                .append('\n');
        for (SessionTag tag : claims.tags()) {
            s.append("  PrincipalTag:").append(tag.key()).append('=').append(tag.value()).append('\n');
        }
        s.append("transitive tag keys: ").append(claims.transitiveTagKeys().isEmpty() ? "none"
                : String.join(", ", claims.transitiveTagKeys())).append('\n');
        s.append("pre-flight: ").append(ok() ? "OK" : violations.size() + (violations.size() == 1 ? " violation" : " violations")
                + "; nothing would be sent").append('\n');
        violations.forEach(v -> s.append("  ").append(v.message()).append('\n'));
        if (!notes.isEmpty()) {
            s.append("notes:\n");
            notes.forEach(n -> s.append("  ").append(n).append('\n'));
        }
        return s.toString();
    }
}
