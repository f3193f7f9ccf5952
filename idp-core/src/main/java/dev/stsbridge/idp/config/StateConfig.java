package dev.stsbridge.idp.config;

import java.util.Optional;

/**
 * Where the IdP keeps state that several nodes must share ({@code state:}): sessions, the AuthnRequest replay
 * cache, the login and MFA throttles, and MFA enrollments. Without {@code postgresql} (the default) a single node
 * keeps them itself: sessions, replay IDs and throttles in memory, enrollments in encrypted files under
 * {@code data-dir}; with it, every node configured with the same database shares them.
 *
 * @param postgresql the shared PostgreSQL database
 */
public record StateConfig(Optional<PostgresConfig> postgresql) {

    public StateConfig {
        postgresql = ConfigChecks.optional(postgresql);
    }

    /** One node, nothing shared. */
    public static StateConfig defaults() {
        return new StateConfig(Optional.empty());
    }

    /** Whether the state is shared (a database is configured). */
    public boolean shared() {
        return postgresql.isPresent();
    }
}
