package dev.stsbridge.verifier.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.GetOpenIdConnectProviderResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.OpenIDConnectProviderListEntry;
import software.amazon.awssdk.services.iam.model.Tag;

/** IAM OpenID Connect providers through the real AWS SDK for Java v2; every refusal with IAM's code and message. */
class OidcProviderSdkTest {

    private static final String THUMB = "0123456789abcdef0123456789abcdef01234567";

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

    private static String create(String url) {
        return iam.createOpenIDConnectProvider(r -> r.url(url).clientIDList("app").thumbprintList(THUMB))
                .openIDConnectProviderArn();
    }

    @Test
    void createThenGetReturnsUrlWithoutSchemeClientIdsThumbprintsAndTags() {
        String arn = iam.createOpenIDConnectProvider(r -> r.url("https://127.0.0.1:9443/realms/a")
                .clientIDList("app-1", "app-2").thumbprintList(THUMB.toUpperCase())
                .tags(Tag.builder().key("team").value("platform").build())).openIDConnectProviderArn();

        assertThat(arn).isEqualTo("arn:aws:iam::111122223333:oidc-provider/127.0.0.1:9443/realms/a");
        GetOpenIdConnectProviderResponse got = iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
        assertThat(got.url()).isEqualTo("127.0.0.1:9443/realms/a");
        assertThat(got.clientIDList()).containsExactly("app-1", "app-2");
        assertThat(got.thumbprintList()).containsExactly(THUMB);
        assertThat(got.createDate()).isNotNull();
        assertThat(got.tags()).extracting(Tag::key).containsExactly("team");
    }

    @Test
    void listShowsTheAccountsProvidersOnly() {
        String arn = create("https://localhost/list-me");
        try (IamClient dev = verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET)) {
            assertThat(dev.listOpenIDConnectProviders().openIDConnectProviderList())
                    .extracting(OpenIDConnectProviderListEntry::arn).doesNotContain(arn);
        }
        assertThat(iam.listOpenIDConnectProviders().openIDConnectProviderList())
                .extracting(OpenIDConnectProviderListEntry::arn).contains(arn);
    }

    @Test
    void clientIdsAreAddedOnceAndRemoved() {
        String arn = create("https://localhost/clients");
        iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("second"));
        iam.addClientIDToOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("second"));
        iam.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("app"));
        iam.removeClientIDFromOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).clientID("never-added"));

        assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).clientIDList())
                .containsExactly("second");
    }

    @Test
    void thumbprintsAreReplacedAndTagsAddedAndRemoved() {
        String arn = create("https://localhost/thumbs");
        String other = "fedcba9876543210fedcba9876543210fedcba98";
        iam.updateOpenIDConnectProviderThumbprint(r -> r.openIDConnectProviderArn(arn).thumbprintList(other));
        iam.tagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tags(
                Tag.builder().key("a").value("1").build(), Tag.builder().key("b").value("2").build()));
        iam.untagOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn).tagKeys("A"));

        assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).thumbprintList())
                .containsExactly(other);
        assertThat(iam.listOpenIDConnectProviderTags(r -> r.openIDConnectProviderArn(arn)).tags())
                .extracting(Tag::key, Tag::value).containsExactly(org.assertj.core.groups.Tuple.tuple("b", "2"));
    }

    @Test
    void deleteRemovesTheProviderAndASecondDeleteIsNoSuchEntity() {
        String arn = create("https://localhost/deleted");
        iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));

        assertRefused(() -> iam.deleteOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)), 404,
                "NoSuchEntity", "OpenIDConnect Provider not found for arn " + arn);
    }

    @Test
    void aSecondProviderForTheSameUrlIsEntityAlreadyExists() {
        create("https://localhost/twice");
        assertRefused(() -> create("https://localhost/twice"), 409, "EntityAlreadyExists",
                "Provider with url https://localhost/twice already exists.");
    }

    @Test
    void anHttpUrlIsInvalidInput() {
        assertRefused(() -> create("http://localhost/plain"), 400, "InvalidInput",
                "Invalid Open ID Connect Provider URL");
    }

    @Test
    void aUrlWithAQueryIsInvalidInput() {
        assertRefused(() -> create("https://localhost/x?tenant=1"), 400, "InvalidInput",
                "Invalid Open ID Connect Provider URL");
    }

    @Test
    void aThumbprintThatIsNotHexIsInvalidInput() {
        String bad = "z".repeat(40);
        assertRefused(() -> iam.createOpenIDConnectProvider(r -> r.url("https://localhost/hex").thumbprintList(bad)),
                400, "InvalidInput", "Thumbprint " + bad + " is not a 40-character hexadecimal SHA-1 fingerprint.");
    }

    @Test
    void sixThumbprintsExceedTheQuota() {
        List<String> six = List.of("1", "2", "3", "4", "5", "6").stream().map(d -> d.repeat(40)).toList();
        assertRefused(() -> iam.createOpenIDConnectProvider(r -> r.url("https://localhost/six").thumbprintList(six)),
                409, "LimitExceeded", "Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: 5.");
    }

    @Test
    void aThumbprintOfAnotherLengthFailsTheModelsConstraint() {
        assertThatThrownBy(() -> iam.createOpenIDConnectProvider(r -> r.url("https://localhost/len")
                .thumbprintList("abc")))
                .isInstanceOfSatisfying(IamException.class, e -> assertThat(e.statusCode()).isEqualTo(400));
    }

    @Test
    void anotherAccountsProviderIsAccessDenied() {
        String arn = create("https://localhost/mine");
        try (IamClient dev = verifier.iam(Verifier.DEV_KEY, Verifier.DEV_SECRET)) {
            assertThatThrownBy(() -> dev.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)))
                    .isInstanceOfSatisfying(IamException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDenied");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void providersSurviveARestart() {
        Path dataDir = Verifier.newDataDir();
        String arn;
        try (Verifier first = Verifier.start(Clock.systemUTC(), dataDir); IamClient client = first.prodIam()) {
            arn = client.createOpenIDConnectProvider(r -> r.url("https://localhost/kept").clientIDList("kept")
                    .thumbprintList(THUMB)).openIDConnectProviderArn();
        }
        try (Verifier second = Verifier.start(Clock.systemUTC(), dataDir); IamClient client = second.prodIam()) {
            GetOpenIdConnectProviderResponse got = client.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn));
            assertThat(got.clientIDList()).containsExactly("kept");
            assertThat(got.thumbprintList()).containsExactly(THUMB);
        }
    }

    static void assertRefused(Runnable call, int status, String code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(IamException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(status);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(code);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

}
