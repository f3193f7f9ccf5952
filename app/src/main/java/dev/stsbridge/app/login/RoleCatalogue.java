package dev.stsbridge.app.login;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The IdP's role catalogue for one person ({@code GET /api/v1/roles}, version 1): where AWS's sign-in is, the ECP
 * endpoint, and the accounts with their roles.
 */
public record RoleCatalogue(String user, URI signinUrl, URI ecpUrl, List<Account> accounts) {

    public RoleCatalogue {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(signinUrl, "signinUrl");
        Objects.requireNonNull(ecpUrl, "ecpUrl");
        accounts = List.copyOf(accounts);
    }

    /** One account (ID and configured name) and the person's roles there. */
    public record Account(String id, String name, List<Role> roles) {
        public Account {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            roles = List.copyOf(roles);
        }
    }

    /** One role: name (with path), ARN, the SAML provider's ARN, the session duration the IdP asks for. */
    public record Role(String name, String roleArn, String principalArn, Optional<Integer> sessionDurationSeconds) {
        public Role {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(roleArn, "roleArn");
            Objects.requireNonNull(principalArn, "principalArn");
            Objects.requireNonNull(sessionDurationSeconds, "sessionDurationSeconds");
        }
    }

    /** A role with its account, as the picker lists it. */
    public record Choice(Account account, Role role) {
        /** {@code prod (111122223333) Admin}. */
        public String label() {
            return account.name() + " (" + account.id() + ") " + role.name();
        }
    }

    /** Every role of every account, in the catalogue's order. */
    public List<Choice> choices() {
        return accounts.stream().flatMap(a -> a.roles().stream().map(r -> new Choice(a, r))).toList();
    }
}
