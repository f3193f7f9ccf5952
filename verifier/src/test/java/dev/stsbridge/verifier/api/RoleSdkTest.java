package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.CreateRoleResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.ListRolesResponse;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.iam.model.Tag;

/** Role round trips through the real AWS SDK for Java v2. */
class RoleSdkTest {

    static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Principal\":{\"Federated\":\"arn:aws:iam::111122223333:saml-provider/stsbridge\"},"
            + "\"Action\":\"sts:AssumeRoleWithSAML\",\"Condition\":{\"StringEquals\":"
            + "{\"SAML:aud\":\"https://signin.aws.amazon.com/saml\"}}}]}";

    private static Verifier verifier;
    private static IamClient iam;

    @BeforeAll
    static void start() {
        verifier = Verifier.start(Clock.systemUTC());
        iam = verifier.prodIam();
    }

    @AfterAll
    static void stop() {
        iam.close();
        verifier.close();
    }

    private static String decoded(String policy) {
        return URLDecoder.decode(policy, StandardCharsets.UTF_8);
    }

    @Test
    void createReturnsIamsCreateShapeAndGetReturnsTheFullRoleWithTheTrustPolicyUrlEncoded() {
        CreateRoleResponse created = iam.createRole(r -> r.roleName("Admin").path("/saml/")
                .assumeRolePolicyDocument(TRUST).description("SAML admins").maxSessionDuration(7200)
                .tags(Tag.builder().key("env").value("prod").build()));

        Role role = created.role();
        assertThat(role.arn()).isEqualTo("arn:aws:iam::111122223333:role/saml/Admin");
        assertThat(role.roleId()).matches("AROA[A-Z0-9]{17}");
        assertThat(role.path()).isEqualTo("/saml/");
        assertThat(role.assumeRolePolicyDocument()).startsWith("%7B%22Version%22%3A%222012-10-17%22");
        assertThat(decoded(role.assumeRolePolicyDocument())).isEqualTo(TRUST);
        assertThat(role.maxSessionDuration()).as("CreateRole does not return it").isNull();
        assertThat(role.tags()).extracting(Tag::key).containsExactly("env");

        Role got = iam.getRole(r -> r.roleName("admin")).role();
        assertThat(got.roleId()).isEqualTo(role.roleId());
        assertThat(got.roleName()).isEqualTo("Admin");
        assertThat(got.maxSessionDuration()).isEqualTo(7200);
        assertThat(got.description()).isEqualTo("SAML admins");
        assertThat(got.roleLastUsed()).isNotNull();
        assertThat(decoded(got.assumeRolePolicyDocument())).isEqualTo(TRUST);
    }

    @Test
    void maxSessionDurationDefaultsToOneHour() {
        iam.createRole(r -> r.roleName("Defaults").assumeRolePolicyDocument(TRUST));

        assertThat(iam.getRole(r -> r.roleName("Defaults")).role().maxSessionDuration()).isEqualTo(3600);
        assertThat(iam.getRole(r -> r.roleName("Defaults")).role().path()).isEqualTo("/");
    }

    @Test
    void createWhenNameExistsIgnoringCaseThenEntityAlreadyExists() {
        iam.createRole(r -> r.roleName("Twice").assumeRolePolicyDocument(TRUST));

        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("TWICE").assumeRolePolicyDocument(TRUST)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(409);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("EntityAlreadyExists");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Role with name TWICE already exists.");
                });
    }

    @Test
    void createWhenTrustPolicyIsNotJsonThenMalformedPolicyDocument() {
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("Bad").assumeRolePolicyDocument("{not json")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("This policy contains invalid Json");
                });
    }

    @Test
    void createWhenMaxSessionDurationOutOfRangeThenValidationError() {
        assertThatThrownBy(() -> iam.createRole(r -> r.roleName("Long").assumeRolePolicyDocument(TRUST)
                .maxSessionDuration(43201)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("1 validation error detected: "
                            + "Value '43201' at 'maxSessionDuration' failed to satisfy constraint: "
                            + "Member must have value less than or equal to 43200");
                });
    }

    @Test
    void updateAssumeRolePolicyReplacesTheDocument() {
        iam.createRole(r -> r.roleName("Updated").assumeRolePolicyDocument(TRUST));
        String next = TRUST.replace("stsbridge", "other");

        iam.updateAssumeRolePolicy(r -> r.roleName("Updated").policyDocument(next));

        assertThat(decoded(iam.getRole(r -> r.roleName("Updated")).role().assumeRolePolicyDocument())).isEqualTo(next);
    }

    @Test
    void deleteThenGetIsNoSuchEntityNamingTheRole() {
        iam.createRole(r -> r.roleName("Gone").assumeRolePolicyDocument(TRUST));

        iam.deleteRole(r -> r.roleName("Gone"));

        assertThatThrownBy(() -> iam.getRole(r -> r.roleName("Gone")))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("The role with name Gone cannot be found.");
                });
    }

    @Test
    void listFiltersByPathPrefixAndPagesWithMarker() {
        for (String name : new String[] {"ListA", "ListB", "ListC"}) {
            iam.createRole(r -> r.roleName(name).path("/listed/").assumeRolePolicyDocument(TRUST));
        }

        ListRolesResponse first = iam.listRoles(r -> r.pathPrefix("/listed/").maxItems(2));
        ListRolesResponse rest = iam.listRoles(r -> r.pathPrefix("/listed/").marker(first.marker()));

        assertThat(first.roles()).extracting(Role::roleName).containsExactly("ListA", "ListB");
        assertThat(first.isTruncated()).isTrue();
        assertThat(rest.roles()).extracting(Role::roleName).containsExactly("ListC");
        assertThat(rest.isTruncated()).isFalse();
        assertThat(first.roles().get(0).maxSessionDuration()).isEqualTo(3600);
    }
}
