package dev.stsbridge.verifier.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.Roles.NewRole;
import dev.stsbridge.verifier.iam.SamlProviders.NewProvider;
import dev.stsbridge.verifier.testing.TestMetadata;

/** IAM's role rules and the directory STS reads roles and providers through. */
class RoleRulesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final IamCaller PROD = new IamCaller("111122223333", "arn:aws:iam::111122223333:root", "Test");
    private static final IamCaller DEV = new IamCaller("444455556666", "arn:aws:iam::444455556666:root", "Test");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";

    private IamStore store;
    private Roles roles;
    private final List<String> validated = new java.util.ArrayList<>();

    @BeforeEach
    void store() {
        store = IamStore.inMemory();
        roles = new Roles(store, validated::add, new IamIds(), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static NewRole role(String name, String path, String trust) {
        return new NewRole(name, Optional.of(path), trust, Optional.empty(), Optional.empty(), Optional.empty(),
                List.of());
    }

    private static void assertRefused(Executable call, String code, int status, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.error().code()).isEqualTo(code);
            assertThat(e.error().httpStatus()).isEqualTo(status);
            assertThat(e.error().message()).isEqualTo(message);
        });
    }

    @Test
    void createHandsTheTrustPolicyToTheValidator() {
        roles.create(PROD, role("Admin", "/", TRUST));

        assertThat(validated).containsExactly(TRUST);
    }

    @Test
    void createWhenTheValidatorRefusesThenNothingIsStored() {
        Roles strict = new Roles(store, document -> {
            throw dev.stsbridge.verifier.AwsError.sender("MalformedPolicyDocument", "Has prohibited field Resource",
                    400).exception();
        }, new IamIds(), Clock.systemUTC());

        assertRefused(() -> strict.create(PROD, role("Admin", "/", TRUST)), "MalformedPolicyDocument", 400,
                "Has prohibited field Resource");
        assertThat(store.snapshot().roles(PROD.accountId())).isEmpty();
    }

    @Test
    void createWhenTheTrustPolicyExceedsTheQuotaIgnoringWhiteSpaceThenLimitExceeded() {
        String padded = "{\"a\":\"" + "x".repeat(2040) + "\"}" + " ".repeat(500);
        roles.create(PROD, role("Fits", "/", padded));

        assertRefused(() -> roles.create(PROD, role("TooBig", "/", "{\"a\":\"" + "x".repeat(2041) + "\"}")),
                "LimitExceeded", 409, "Cannot exceed quota for ACLSizePerRole: 2048");
    }

    @Test
    void createWithAPermissionsBoundaryNeedsAnExistingManagedPolicy() {
        NewRole bounded = new NewRole("B", Optional.empty(), TRUST, Optional.empty(), Optional.empty(),
                Optional.of("arn:aws:iam::aws:policy/PowerUserAccess"), List.of());
        NewRole missing = new NewRole("C", Optional.empty(), TRUST, Optional.empty(), Optional.empty(),
                Optional.of("arn:aws:iam::111122223333:policy/Missing"), List.of());
        NewRole malformed = new NewRole("D", Optional.empty(), TRUST, Optional.empty(), Optional.empty(),
                Optional.of("arn:aws:iam::111122223333:not_a_policy/x"), List.of());

        assertThat(roles.create(PROD, bounded).permissionsBoundary())
                .contains("arn:aws:iam::aws:policy/PowerUserAccess");
        assertRefused(() -> roles.create(PROD, missing), "NoSuchEntity", 404,
                "Scope ARN: arn:aws:iam::111122223333:policy/Missing does not exist or is not attachable.");
        assertRefused(() -> roles.create(PROD, malformed), "InvalidInput", 400,
                "ARN arn:aws:iam::111122223333:not_a_policy/x is not valid.");
    }

    @Test
    void createWhenTheAccountHasAThousandRolesThenLimitExceeded() {
        for (int i = 0; i < Roles.MAX_ROLES_PER_ACCOUNT; i++) {
            roles.create(PROD, role("r" + i, "/", TRUST));
        }
        assertRefused(() -> roles.create(PROD, role("one-more", "/", TRUST)), "LimitExceeded", 409,
                "Cannot exceed quota for RolesPerAccount: 1000.");
        roles.create(DEV, role("r0", "/", TRUST));
    }

    @Test
    void rolesOfOneAccountAreInvisibleToAnother() {
        roles.create(PROD, role("Admin", "/", TRUST));

        assertRefused(() -> roles.get(DEV, "Admin"), "NoSuchEntity", 404, "The role with name Admin cannot be found.");
        assertThat(roles.list(DEV, Optional.empty())).isEmpty();
    }

    @Test
    void directoryFindsARoleByArnIgnoringNameCaseButNotPath() {
        IamRole admin = roles.create(PROD, role("Admin", "/saml/", TRUST)).role();

        assertThat(store.role("arn:aws:iam::111122223333:role/saml/admin")).contains(admin);
        assertThat(store.role("arn:aws:iam::111122223333:role/Admin")).isEmpty();
        assertThat(store.role("arn:aws:iam::444455556666:role/saml/Admin")).isEmpty();
        assertThat(store.role("not an arn")).isEmpty();
    }

    @Test
    void directoryFindsAProviderByItsExactArn() {
        SamlProviders providers = new SamlProviders(store, new MetadataParser(), new IamIds(), Clock.systemUTC());
        SamlProvider created = providers.create(PROD, new NewProvider("stsbridge", TestMetadata.standard(), List.of(),
                Optional.empty(), Optional.empty())).provider();

        assertThat(store.samlProvider("arn:aws:iam::111122223333:saml-provider/stsbridge")).contains(created);
        assertThat(created.entityIds()).containsExactly("https://idp.example.com/saml");
        assertThat(created.signingCertificates()).hasSize(1);
        assertThat(store.samlProvider("arn:aws:iam::444455556666:saml-provider/stsbridge")).isEmpty();
    }
}
