package dev.stsbridge.verifier.iam;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.ManagedPolicies.Filter;
import dev.stsbridge.verifier.iam.ManagedPolicies.NewPolicy;
import dev.stsbridge.verifier.iam.ManagedPolicies.Scope;
import dev.stsbridge.verifier.iam.ManagedPolicies.Usage;
import dev.stsbridge.verifier.iam.Roles.NewRole;

/** The permission-policy rules: the injected validator sees every document, and what ListPolicies' filters keep. */
class PolicyRulesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final IamCaller PROD = IamCaller.root("111122223333", "Test");
    private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[]}";
    private static final String DOCUMENT = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
            + "\"Action\":\"s3:GetObject\",\"Resource\":\"*\"}]}";

    private final List<String> validated = new ArrayList<>();
    private IamStore store;
    private ManagedPolicies policies;
    private RolePolicies rolePolicies;
    private Roles roles;

    @BeforeEach
    void store() {
        store = IamStore.inMemory();
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        policies = new ManagedPolicies(store, validated::add, new IamIds(), clock);
        rolePolicies = new RolePolicies(store, validated::add);
        roles = new Roles(store, document -> { }, new IamIds(), clock);
    }

    private String policy(String name) {
        return policies.create(PROD, new NewPolicy(name, Optional.empty(), DOCUMENT, Optional.empty(), List.of()))
                .policy().arn();
    }

    private void role(String name) {
        roles.create(PROD, new NewRole(name, Optional.empty(), TRUST, Optional.empty(), Optional.empty(),
                Optional.empty(), List.of()));
    }

    @Test
    void everyPermissionPolicyDocumentGoesThroughTheValidator() {
        role("Admin");
        String arn = policy("One");
        policies.createVersion(PROD, arn, DOCUMENT.replace("Get", "Put"), false);
        rolePolicies.put(PROD, "Admin", "inline", DOCUMENT.replace("Get", "Delete"));

        assertThat(validated).containsExactly(DOCUMENT, DOCUMENT.replace("Get", "Put"),
                DOCUMENT.replace("Get", "Delete"));
    }

    @Test
    void whenTheValidatorRefusesThenNothingIsStored() {
        role("Admin");
        PermissionPolicyValidator strict = document -> {
            throw AwsError.sender("MalformedPolicyDocument", "Policy document should not specify a principal.", 400)
                    .exception();
        };
        ManagedPolicies strictPolicies = new ManagedPolicies(store, strict, new IamIds(), Clock.systemUTC());
        RolePolicies strictRoles = new RolePolicies(store, strict);

        assertThatThrownBy(() -> strictPolicies.create(PROD, new NewPolicy("P", Optional.empty(), DOCUMENT,
                Optional.empty(), List.of())))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.error().code()).isEqualTo("MalformedPolicyDocument");
                    assertThat(e.error().message()).isEqualTo("Policy document should not specify a principal.");
                });
        assertThatThrownBy(() -> strictRoles.put(PROD, "Admin", "inline", DOCUMENT))
                .isInstanceOf(AwsException.class);
        assertThat(store.snapshot().policies(PROD.accountId())).isEmpty();
        assertThat(store.snapshot().role(PROD.accountId(), "Admin").orElseThrow().inlinePolicies()).isEmpty();
    }

    @Test
    void createAndUpdateDatesFollowTheNewestVersion() {
        String arn = policy("Dated");
        Instant later = NOW.plusSeconds(3600);
        ManagedPolicies tomorrow = new ManagedPolicies(store, d -> { }, new IamIds(), Clock.fixed(later,
                ZoneOffset.UTC));

        tomorrow.createVersion(PROD, arn, DOCUMENT, false);

        ManagedPolicy policy = policies.get(PROD, arn).policy();
        assertThat(policy.createDate()).isEqualTo(NOW);
        assertThat(policy.updateDate()).isEqualTo(later);
    }

    @Test
    void listFiltersOnlyAttachedAndBoundaryUsage() {
        role("Worker");
        String attached = policy("Attached");
        String boundary = policy("Boundary");
        policy("Unused");
        rolePolicies.attach(PROD, "Worker", attached);
        rolePolicies.putBoundary(PROD, "Worker", boundary);

        assertThat(names(new Filter(Scope.Local, false, "/", Optional.empty())))
                .containsExactly("Attached", "Boundary", "Unused");
        assertThat(names(new Filter(Scope.Local, true, "/", Optional.empty()))).containsExactly("Attached");
        assertThat(names(new Filter(Scope.All, false, "/", Optional.of(Usage.PermissionsBoundary))))
                .containsExactly("Boundary");
        assertThat(names(new Filter(Scope.All, true, "/", Optional.of(Usage.PermissionsPolicy))))
                .containsExactly("Attached");
        assertThat(names(new Filter(Scope.All, false, "/", Optional.empty()))).hasSize(6);
    }

    private List<String> names(Filter filter) {
        return policies.list(PROD, filter).stream().map(p -> p.policy().name()).toList();
    }
}
