package dev.stsbridge.verifier.testing;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.iam.IamRole;
import dev.stsbridge.verifier.iam.SamlProvider;

/** An in-memory IAM for tests: providers by ARN, roles by ARN (role names compare ignoring case, as IAM's). */
public final class TestIam implements IamDirectory {
    public static final String TRUST_ALL_SAML_ACTIONS = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
             "Principal":{"Federated":"arn:aws:iam::111122223333:saml-provider/stsbridge"},
             "Action":["sts:AssumeRoleWithSAML","sts:TagSession","sts:SetSourceIdentity"],
             "Condition":{"StringEquals":{"SAML:aud":"https://signin.aws.amazon.com/saml"}}}]}""";

    private final Map<String, SamlProvider> providers = new ConcurrentHashMap<>();
    private final Map<String, IamRole> roles = new ConcurrentHashMap<>();

    /** The stsbridge provider and the roles SamlAdmin and EvilAdmin (max session 12 h) trusting it. */
    public static TestIam standard() {
        TestIam iam = new TestIam();
        iam.add(TestProviders.stsbridge());
        iam.addRole(TestResponse.ROLE_ARN, TRUST_ALL_SAML_ACTIONS, 43200, Map.of());
        iam.addRole(TestResponse.EVIL_ROLE_ARN, TRUST_ALL_SAML_ACTIONS, 43200, Map.of());
        return iam;
    }

    public TestIam add(SamlProvider provider) {
        providers.put(provider.arn(), provider);
        return this;
    }

    public TestIam addRole(String arn, String trustPolicy, int maxSessionDuration, Map<String, String> tags) {
        String account = arn.split(":")[4];
        String name = arn.substring(arn.lastIndexOf('/') + 1);
        roles.put(key(arn), new IamRole(arn, account, name, "/", "AROAEXAMPLE" + Math.abs(name.hashCode() % 1000000),
                trustPolicy, maxSessionDuration, Instant.parse("2026-01-01T00:00:00Z"), tags));
        return this;
    }

    @Override
    public Optional<SamlProvider> samlProvider(String providerArn) {
        return Optional.ofNullable(providers.get(providerArn));
    }

    @Override
    public Optional<SamlProvider> samlProviderByUuid(String uuid) {
        return providers.values().stream().filter(provider -> provider.uuid().equals(uuid)).findFirst();
    }

    @Override
    public Optional<IamRole> role(String roleArn) {
        return Optional.ofNullable(roles.get(key(roleArn)));
    }

    private static String key(String arn) {
        int slash = arn.lastIndexOf('/');
        return arn.substring(0, slash + 1) + arn.substring(slash + 1).toLowerCase(Locale.ROOT);
    }
}
