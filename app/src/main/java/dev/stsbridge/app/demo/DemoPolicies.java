package dev.stsbridge.app.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo's ABAC permission policies, after AWS's tutorial "Define permissions to access AWS resources based on
 * tags": access follows the tags, not a list of resources. {@code abac-team-access} (Admin, Developer) allows S3
 * objects, secrets and EC2 instances whose {@code team} tag equals the session's {@code team} tag, and denies adding
 * or removing the {@code team} tag itself; {@code abac-department-read} (ReadOnly) allows reading what carries the
 * session's {@code department}. The documents are kept as written (one statement element a line), so that the
 * simulator's statement positions point at readable lines.
 */
public final class DemoPolicies {

    /** The customer managed policy of the roles that work on their team's resources. */
    public static final Policy TEAM_ACCESS = load("abac-team-access",
            "stsbridge demo (ABAC): the resources tagged with the session's team");
    /** The customer managed policy of read-only roles. */
    public static final Policy DEPARTMENT_READ = load("abac-department-read",
            "stsbridge demo (ABAC): read what is tagged with the session's department");

    /** Every demo policy, in the order they are registered. */
    public static final List<Policy> ALL = List.of(TEAM_ACCESS, DEPARTMENT_READ);

    private DemoPolicies() {
    }

    /** One customer managed policy: its name, description and JSON document. */
    public record Policy(String name, String description, String document) {
        public Policy {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
            Objects.requireNonNull(document, "document");
        }
    }

    /** The policy a demo role gets, by role name: ReadOnly reads by department, the others work by team. */
    public static Optional<Policy> forRole(String roleName) {
        return switch (roleName) {
            case "Admin", "Developer" -> Optional.of(TEAM_ACCESS);
            case "ReadOnly" -> Optional.of(DEPARTMENT_READ);
            default -> Optional.empty();
        };
    }

    private static Policy load(String name, String description) {
        try (InputStream in = DemoPolicies.class.getResourceAsStream(name + ".json")) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + ".json");
            }
            return new Policy(name, description, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
