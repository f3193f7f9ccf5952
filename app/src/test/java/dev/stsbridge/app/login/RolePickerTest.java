package dev.stsbridge.app.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

/** Which role a command-line sign-in uses. */
class RolePickerTest {

    private static final RoleCatalogue.Role ADMIN = role("111122223333", "Admin");
    private static final RoleCatalogue.Role DEVELOPER = role("444455556666", "Developer");
    private static final RoleCatalogue ALICE = new RoleCatalogue("alice", URI.create("https://signin.aws.amazon.com/saml"),
            URI.create("https://idp/saml2/ecp"), List.of(new RoleCatalogue.Account("111122223333", "prod", List.of(ADMIN)),
            new RoleCatalogue.Account("444455556666", "dev", List.of(DEVELOPER))));

    private static RoleCatalogue.Role role(String account, String name) {
        return new RoleCatalogue.Role(name, "arn:aws:iam::" + account + ":role/" + name,
                "arn:aws:iam::" + account + ":saml-provider/stsbridge", Optional.empty());
    }

    private static RoleCatalogue.Choice pick(Optional<String> account, Optional<String> role, String answer) {
        return RolePicker.pick(ALICE, account, role, q -> Optional.ofNullable(answer));
    }

    @Test
    void theAccountIsFoundByIdOrByName() {
        assertThat(pick(Optional.of("prod"), Optional.of("Admin"), null).role()).isEqualTo(ADMIN);
        assertThat(pick(Optional.of("444455556666"), Optional.of("Developer"), null).role()).isEqualTo(DEVELOPER);
    }

    @Test
    void severalRolesAreOfferedAsANumberedList() {
        AtomicReference<String> asked = new AtomicReference<>();
        RoleCatalogue.Choice choice = RolePicker.pick(ALICE, Optional.empty(), Optional.empty(), q -> {
            asked.set(q);
            return Optional.of(" 2\n");
        });
        assertThat(choice.role()).isEqualTo(DEVELOPER);
        assertThat(asked.get()).isEqualTo("Roles of alice:\n  1) prod (111122223333) Admin\n"
                + "  2) dev (444455556666) Developer\nRole [1-2]: ");
    }

    @Test
    void anAnswerOutsideTheListIsRefused() {
        for (String answer : new String[] {"0", "3", "x", ""}) {
            assertThatThrownBy(() -> pick(Optional.empty(), Optional.empty(), answer))
                    .hasMessage("'" + answer + "' is not one of the roles 1-2");
        }
    }

    @Test
    void halfAChoiceOrAnUnknownRoleIsRefused() {
        assertThatThrownBy(() -> pick(Optional.of("prod"), Optional.empty(), null))
                .hasMessage("give both --account and --role, or neither");
        assertThatThrownBy(() -> pick(Optional.of("prod"), Optional.of("Developer"), null))
                .hasMessage("alice may not use role Developer in account prod (roles: prod (111122223333) Admin, "
                        + "dev (444455556666) Developer)");
    }

    @Test
    void theOnlyRoleIsTakenAndNoRoleIsRefused() {
        RoleCatalogue bob = new RoleCatalogue("bob", ALICE.signinUrl(), ALICE.ecpUrl(),
                List.of(new RoleCatalogue.Account("444455556666", "dev", List.of(DEVELOPER))));
        assertThat(RolePicker.pick(bob, Optional.empty(), Optional.empty(), q -> Optional.empty()).role())
                .isEqualTo(DEVELOPER);
        RoleCatalogue carol = new RoleCatalogue("carol", ALICE.signinUrl(), ALICE.ecpUrl(), List.of());
        assertThatThrownBy(() -> RolePicker.pick(carol, Optional.empty(), Optional.empty(), q -> Optional.empty()))
                .isInstanceOf(LoginFailure.class).hasMessage("carol has no AWS roles");
    }
}
