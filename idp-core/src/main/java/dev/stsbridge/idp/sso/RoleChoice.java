package dev.stsbridge.idp.sso;

import java.util.Objects;
import java.util.Optional;

/**
 * Which of the person's roles the assertion carries: all of them (AWS shows its role picker when there are
 * several), or exactly one (AWS signs straight in to it).
 *
 * @param account the account's ID or configured name, when one role is chosen
 * @param role the role name in that account, when one role is chosen
 */
public record RoleChoice(Optional<String> account, Optional<String> role) {
    public RoleChoice {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(role, "role");
        if (account.isPresent() != role.isPresent()) {
            throw new IllegalArgumentException("choose a role with both an account and a role name, or neither");
        }
    }

    public static RoleChoice all() {
        return new RoleChoice(Optional.empty(), Optional.empty());
    }

    public static RoleChoice one(String account, String role) {
        return new RoleChoice(Optional.of(account), Optional.of(role));
    }

    public boolean isAll() {
        return account.isEmpty();
    }

    @Override
    public String toString() {
        return isAll() ? "all roles" : account.orElseThrow() + "/" + role.orElseThrow();
    }
}
