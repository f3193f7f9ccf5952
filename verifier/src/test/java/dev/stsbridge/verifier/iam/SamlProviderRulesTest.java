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
import dev.stsbridge.verifier.iam.SamlProviders.NewProvider;
import dev.stsbridge.verifier.iam.SamlProviders.ProviderUpdate;
import dev.stsbridge.verifier.query.DetailedRefusal;
import dev.stsbridge.verifier.testing.TestMetadata;
import dev.stsbridge.verifier.testing.TestPki;

/** IAM's SAML provider rules (AWS-SAML.md §1.2), each refusal with its code, status and message. */
class SamlProviderRulesTest {

    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final IamCaller PROD = new IamCaller("111122223333", "arn:aws:iam::111122223333:root", "Test");
    private static final String METADATA = TestMetadata.standard();
    private static final String KEY = TestPki.pkcs8Pem(TestPki.rsa2048().getPrivate());

    private SamlProviders providers;

    @BeforeEach
    void store() {
        providers = new SamlProviders(IamStore.inMemory(), new MetadataParser(), new IamIds(),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private String create(String name) {
        return providers.create(PROD, new NewProvider(name, METADATA, List.of(), Optional.empty(), Optional.empty()))
                .provider().arn();
    }

    private static ProviderUpdate update(String arn) {
        return new ProviderUpdate(arn, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static void assertRefused(Executable call, String code, int status, String message) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.error().code()).isEqualTo(code);
            assertThat(e.error().httpStatus()).isEqualTo(status);
            assertThat(e.error().message()).isEqualTo(message);
        });
    }

    private static void assertDetailedRefusal(Executable call, String message, String detail) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(DetailedRefusal.class, e -> {
            assertThat(e.error().code()).isEqualTo("InvalidInput");
            assertThat(e.error().httpStatus()).isEqualTo(400);
            assertThat(e.error().message()).isEqualTo(message);
            assertThat(e.detail()).isEqualTo(detail);
        });
    }

    @Test
    void createWhenTheNameExistsIgnoringCaseThenEntityAlreadyExists() {
        create("Okta");

        assertRefused(() -> create("OKTA"), "EntityAlreadyExists", 409, "SAMLProvider with name OKTA already exists.");
    }

    @Test
    void createWhenTheAccountHasAHundredProvidersThenLimitExceeded() {
        for (int i = 0; i < SamlProviders.MAX_PROVIDERS_PER_ACCOUNT; i++) {
            create("p" + i);
        }
        assertRefused(() -> create("one-more"), "LimitExceeded", 409,
                "Cannot exceed quota for SAMLProvidersPerAccount: 100.");
    }

    @Test
    void createWhenMetadataIsUnusableThenCouldNotParseMetadataWithTheReason() {
        String weak = TestMetadata.idp().signingCertificate(TestPki.selfSigned(TestPki.rsa(512), "weak")).build();

        assertDetailedRefusal(() -> providers.create(PROD, new NewProvider("Weak", weak, List.of(), Optional.empty(),
                Optional.empty())), "Could not parse metadata",
                "certificate 1 has a 512-bit RSA key; IAM needs at least 1024 bits");
    }

    @Test
    void createWhenThePrivateKeyIsUnusableThenInvalidPrivateKey() {
        assertDetailedRefusal(() -> providers.create(PROD, new NewProvider("BadKey", METADATA, List.of(),
                Optional.empty(), Optional.of("-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))),
                "Invalid private key.", "the PEM text does not parse as a key");
    }

    @Test
    void createWhenRequiredWithoutAKeyThenRefused() {
        assertRefused(() -> providers.create(PROD, new NewProvider("Enc", METADATA, List.of(),
                Optional.of(AssertionEncryptionMode.Required), Optional.empty())), "InvalidInput", 400,
                "Unable to set assertion encryption mode to Required because no private key is provided.");
    }

    @Test
    void createWhenTagKeysRepeatIgnoringCaseThenRefused() {
        assertRefused(() -> providers.create(PROD, new NewProvider("Tagged", METADATA,
                List.of(new Tag("Team", "a"), new Tag("team", "b")), Optional.empty(), Optional.empty())),
                "InvalidInput", 400, "Duplicate tag keys found. Please note that Tag keys are case insensitive.");
    }

    @Test
    void updateWhenNothingToUpdateThenRefused() {
        String arn = create("Idle");

        assertRefused(() -> providers.update(PROD, update(arn)), "InvalidInput", 400,
                "Unable to update identity provider. No updates are defined for metadata or encryption assertion.");
    }

    @Test
    void updateWhenAddingAndRemovingInOneRequestThenRefused() {
        String arn = create("Both");

        assertRefused(() -> providers.update(PROD, new ProviderUpdate(arn, Optional.empty(), Optional.empty(),
                Optional.of(KEY), Optional.of("A".repeat(26)))), "InvalidInput", 400,
                "Unable to add and remove private keys in the same request. Set a value for only one of the two "
                        + "parameters.");
    }

    @Test
    void updateWhenAThirdKeyIsAddedThenLimitExceeded() {
        String arn = create("Keys");
        ProviderUpdate add = new ProviderUpdate(arn, Optional.empty(), Optional.empty(), Optional.of(KEY),
                Optional.empty());
        providers.update(PROD, add);
        providers.update(PROD, add);

        assertRefused(() -> providers.update(PROD, add), "LimitExceeded", 409, "Private key limit of 2 is reached.");
    }

    @Test
    void updateWhenRemovingAnUnknownKeyIdThenRefused() {
        String arn = create("Unknown");

        assertRefused(() -> providers.update(PROD, new ProviderUpdate(arn, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.of("B".repeat(26)))), "InvalidInput", 400,
                "Failed to remove private key because the Key ID does not match a private key.");
    }

    @Test
    void updateWhenRequiredWithoutAnyKeyThenRefused() {
        String arn = create("NoKey");

        assertRefused(() -> providers.update(PROD, new ProviderUpdate(arn, Optional.empty(),
                Optional.of(AssertionEncryptionMode.Required), Optional.empty(), Optional.empty())), "InvalidInput",
                400, "Unable to set assertion encryption mode to Required because no private key is provided.");
    }

    @Test
    void updateWhenRemovingTheLastKeyOfARequiredProviderThenRefused() {
        ProviderEntry entry = providers.create(PROD, new NewProvider("Required", METADATA, List.of(),
                Optional.of(AssertionEncryptionMode.Required), Optional.of(KEY)));
        String keyId = entry.provider().privateKeys().get(0).keyId();

        assertRefused(() -> providers.update(PROD, new ProviderUpdate(entry.provider().arn(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(keyId))), "InvalidInput", 400,
                "Failed to remove private key.");
    }

    @Test
    void updateWhenTheArnIsMalformedThenInvalidInput() {
        assertRefused(() -> providers.update(PROD, update("arn:aws:iam::111122223333:role/NotAProvider")
                .withMetadata(METADATA)), "InvalidInput", 400,
                "ARN arn:aws:iam::111122223333:role/NotAProvider is not valid.");
    }

    @Test
    void deleteWhenTheProviderDoesNotExistThenNoSuchEntity() {
        String arn = "arn:aws:iam::111122223333:saml-provider/Missing";

        assertRefused(() -> providers.delete(PROD, arn), "NoSuchEntity", 404, "Manifest not found for arn " + arn);
    }

    @Test
    void updateKeepsTheKeysTimestampsAndTheValidUntilOfNewMetadata() {
        String arn = create("Kept");
        String metadata = TestMetadata.idp().validUntil("2035-01-01T00:00:00Z")
                .signingCertificate(TestPki.selfSigned(TestPki.rsa2048(), "next")).build();

        SamlProvider updated = providers.update(PROD, update(arn).withMetadata(metadata)).provider();

        assertThat(updated.validUntil()).isEqualTo(Instant.parse("2035-01-01T00:00:00Z"));
        assertThat(updated.createDate()).isEqualTo(NOW);
        assertThat(updated.metadataDocument()).isEqualTo(metadata);
    }
}
