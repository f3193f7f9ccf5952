package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.TestMetadata;
import dev.stsbridge.verifier.testing.TestPki;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.AssertionEncryptionModeType;
import software.amazon.awssdk.services.iam.model.CreateSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.GetSamlProviderResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.SAMLProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;

/** SAML provider round trips through the real AWS SDK for Java v2 (SigV4, Query protocol, XML shapes). */
class SamlProviderSdkTest {

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

    private static String create(String name) {
        return iam.createSAMLProvider(r -> r.name(name).samlMetadataDocument(TestMetadata.standard()))
                .samlProviderArn();
    }

    @Test
    void createThenGetReturnsTheDocumentUuidDatesTagsAndDefaultMode() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String metadata = TestMetadata.standard();
        CreateSamlProviderResponse created = iam.createSAMLProvider(r -> r.name("Okta-1")
                .samlMetadataDocument(metadata).tags(Tag.builder().key("team").value("platform").build()));

        assertThat(created.samlProviderArn()).isEqualTo("arn:aws:iam::111122223333:saml-provider/Okta-1");
        assertThat(created.tags()).extracting(Tag::key, Tag::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("team", "platform"));
        GetSamlProviderResponse got = iam.getSAMLProvider(r -> r.samlProviderArn(created.samlProviderArn()));
        assertThat(got.samlMetadataDocument()).isEqualTo(metadata);
        assertThat(got.samlProviderUUID()).matches("SAMLSP[A-Z0-9]{16}");
        assertThat(got.createDate()).isBetween(before, Instant.now());
        assertThat(got.validUntil()).isEqualTo(got.createDate().atZone(java.time.ZoneOffset.UTC).plusYears(100)
                .toInstant());
        assertThat(got.assertionEncryptionMode()).isEqualTo(AssertionEncryptionModeType.ALLOWED);
        assertThat(got.privateKeyList()).isEmpty();
        assertThat(got.tags()).extracting(Tag::key).containsExactly("team");
    }

    @Test
    void validUntilComesFromTheMetadataWhenItHasOne() {
        String arn = iam.createSAMLProvider(r -> r.name("WithValidUntil").samlMetadataDocument(TestMetadata.idp()
                .validUntil("2031-02-03T04:05:06Z")
                .signingCertificate(TestPki.selfSigned(TestPki.rsa2048(), "idp")).build())).samlProviderArn();

        assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(arn)).validUntil())
                .isEqualTo(Instant.parse("2031-02-03T04:05:06Z"));
    }

    @Test
    void listShowsOnlyTheCallersAccount() {
        String arn = create("Listed");
        try (IamClient dev = verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET)) {
            String devArn = dev.createSAMLProvider(r -> r.name("DevOnly")
                    .samlMetadataDocument(TestMetadata.standard())).samlProviderArn();

            assertThat(iam.listSAMLProviders().samlProviderList()).extracting(SAMLProviderListEntry::arn)
                    .contains(arn).doesNotContain(devArn);
            assertThat(dev.listSAMLProviders().samlProviderList()).extracting(SAMLProviderListEntry::arn)
                    .containsExactly(devArn);
        }
    }

    @Test
    void updateReplacesMetadataAndAddsThenRemovesAPrivateKey() {
        String arn = create("Rotating");
        String newMetadata = TestMetadata.idp().entityId("https://idp2.example.com")
                .signingCertificate(TestPki.selfSigned(TestPki.rsa2048(), "idp2")).build();

        iam.updateSAMLProvider(r -> r.samlProviderArn(arn).samlMetadataDocument(newMetadata));
        iam.updateSAMLProvider(r -> r.samlProviderArn(arn)
                .addPrivateKey(TestPki.pkcs8Pem(TestPki.rsa2048().getPrivate()))
                .assertionEncryptionMode(AssertionEncryptionModeType.REQUIRED));
        GetSamlProviderResponse withKey = iam.getSAMLProvider(r -> r.samlProviderArn(arn));

        assertThat(withKey.samlMetadataDocument()).isEqualTo(newMetadata);
        assertThat(withKey.assertionEncryptionMode()).isEqualTo(AssertionEncryptionModeType.REQUIRED);
        assertThat(withKey.privateKeyList()).hasSize(1);
        String keyId = withKey.privateKeyList().get(0).keyId();
        assertThat(keyId).matches("[A-Z0-9]{26}");

        iam.updateSAMLProvider(r -> r.samlProviderArn(arn).assertionEncryptionMode(AssertionEncryptionModeType.ALLOWED));
        iam.updateSAMLProvider(r -> r.samlProviderArn(arn).removePrivateKey(keyId));
        assertThat(iam.getSAMLProvider(r -> r.samlProviderArn(arn)).privateKeyList()).isEmpty();
    }

    @Test
    void deleteThenGetIsNoSuchEntityWithAwsMessage() {
        String arn = create("Deleted");

        iam.deleteSAMLProvider(r -> r.samlProviderArn(arn));

        assertThatThrownBy(() -> iam.getSAMLProvider(r -> r.samlProviderArn(arn)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Manifest not found for arn " + arn);
                });
    }
}
