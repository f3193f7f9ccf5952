package dev.stsbridge.app.login;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which role to sign in to: the one named by {@code --account} (ID or name) and {@code --role}; the only one the
 * person has; or, with several and no flags, the person's pick from a numbered list (asked through {@code ask},
 * which gets the question and returns the answer, or empty without a terminal).
 */
public final class RolePicker {

    private RolePicker() {
    }

    public static RoleCatalogue.Choice pick(RoleCatalogue catalogue, Optional<String> account, Optional<String> role,
                                            Function<String, Optional<String>> ask) {
        List<RoleCatalogue.Choice> choices = catalogue.choices();
        if (choices.isEmpty()) {
            throw new LoginFailure(LoginFailure.Kind.NO_ROLE, catalogue.user() + " has no AWS roles");
        }
        if (account.isPresent() || role.isPresent()) {
            return named(catalogue, choices, account, role);
        }
        if (choices.size() == 1) {
            return choices.get(0);
        }
        StringBuilder question = new StringBuilder("Roles of ").append(catalogue.user()).append(":\n");
        for (int i = 0; i < choices.size(); i++) {
            question.append(String.format(Locale.ROOT, "  %d) %s%n", i + 1, choices.get(i).label()));
        }
        question.append("Role [1-").append(choices.size()).append("]: ");
        String answer = ask.apply(question.toString()).orElseThrow(() -> new LoginFailure(LoginFailure.Kind.NO_ROLE,
                catalogue.user() + " has " + choices.size() + " roles: choose one with --account and --role"))
                .strip();
        try {
            int index = Integer.parseInt(answer);
            if (index >= 1 && index <= choices.size()) {
                return choices.get(index - 1);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new LoginFailure(LoginFailure.Kind.NO_ROLE, "'" + answer + "' is not one of the roles 1-"
                + choices.size());
    }

    private static RoleCatalogue.Choice named(RoleCatalogue catalogue, List<RoleCatalogue.Choice> choices,
                                              Optional<String> account, Optional<String> role) {
        if (account.isEmpty() || role.isEmpty()) {
            throw new LoginFailure(LoginFailure.Kind.NO_ROLE, "give both --account and --role, or neither");
        }
        return choices.stream()
                .filter(c -> c.account().id().equals(account.get()) || c.account().name().equals(account.get()))
                .filter(c -> c.role().name().equals(role.get()))
                .findFirst()
                .orElseThrow(() -> new LoginFailure(LoginFailure.Kind.NO_ROLE, catalogue.user()
                        + " may not use role " + role.get() + " in account " + account.get() + " (roles: "
                        + String.join(", ", choices.stream().map(RoleCatalogue.Choice::label).toList()) + ")"));
    }
}
