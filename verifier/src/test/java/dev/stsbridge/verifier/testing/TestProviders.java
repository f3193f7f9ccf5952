package dev.stsbridge.verifier.testing;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.stsbridge.verifier.iam.AssertionEncryptionMode;
import dev.stsbridge.verifier.iam.ProviderPrivateKey;
import dev.stsbridge.verifier.iam.SamlProvider;

/** IAM SAML providers as the platform's CreateSAMLProvider would store them, for tests. */
public final class TestProviders {
    public static final String UUID = "SAMLSPAB12CD34EF56GH78";

    private TestProviders() {
    }

    /** Provider {@code stsbridge} in account 111122223333, trusting {@link TestKeys#idp()} for {@link TestResponse#ISSUER}. */
    public static SamlProvider stsbridge() {
        return provider(TestResponse.PROVIDER_ARN, List.of(TestKeys.idp().certificate()),
                AssertionEncryptionMode.Allowed, List.of());
    }

    /** The same provider with an encryption key and the given mode. */
    public static SamlProvider encrypting(AssertionEncryptionMode mode, TestKeys decryptionKey) {
        ProviderPrivateKey key = new ProviderPrivateKey("KEYID0123456789ABCDEFGH", decryptionKey.privateKey(),
                "(generated at test run time)", Instant.parse("2026-01-01T00:00:00Z"));
        return provider(TestResponse.PROVIDER_ARN, List.of(TestKeys.idp().certificate()), mode, List.of(key));
    }

    public static SamlProvider provider(String arn, List<X509Certificate> certificates, AssertionEncryptionMode mode,
                                        List<ProviderPrivateKey> keys) {
        return provider(arn, Set.of(TestResponse.ISSUER), certificates, mode, keys);
    }

    public static SamlProvider provider(String arn, Set<String> entityIds, List<X509Certificate> certificates,
                                        AssertionEncryptionMode mode, List<ProviderPrivateKey> keys) {
        String account = arn.split(":")[4];
        String name = arn.substring(arn.indexOf('/') + 1);
        return new SamlProvider(arn, account, name, UUID, "<EntityDescriptor/>", entityIds,
                certificates, mode, keys, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2126-01-01T00:00:00Z"), Map.of());
    }
}
