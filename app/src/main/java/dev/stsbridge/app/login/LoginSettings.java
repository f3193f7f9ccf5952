package dev.stsbridge.app.login;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sign-in asked for, kept with the profile so that {@code credentials} can sign in again the same way.
 *
 * @param idp the IdP's base URL
 * @param account the account (ID or name) as chosen
 * @param role the role name as chosen
 * @param durationSeconds DurationSeconds for AssumeRoleWithSAML, if given
 * @param stsEndpoint the STS endpoint, if not AWS's own (the verifier)
 */
public record LoginSettings(URI idp, String user, String account, String role, Optional<Integer> durationSeconds,
                            Optional<URI> stsEndpoint) {
    public LoginSettings {
        Objects.requireNonNull(idp, "idp");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(stsEndpoint, "stsEndpoint");
    }
}
