package dev.stsbridge.verifier.webidentity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Clock;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.testing.TestIdp;
import dev.stsbridge.verifier.testing.Verifier;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.IamException;

/**
 * CreateOpenIDConnectProvider without ThumbprintList: IAM retrieves the server's top certificate thumbprint itself
 * (loopback hosts only here), and the provider then works.
 */
class ThumbprintRetrievalTest {

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

    @Test
    void withoutThumbprintsTheServersOwnIsRetrievedAndTokensAreAccepted() {
        try (TestIdp idp = TestIdp.start(); var sts = WebIdentityFixture.anonymousSts(verifier)) {
            String arn = iam.createOpenIDConnectProvider(r -> r.url(idp.issuer()).clientIDList(TestIdp.CLIENT_ID))
                    .openIDConnectProviderArn();
            assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).thumbprintList())
                    .containsExactly(idp.thumbprint());
            iam.createRole(r -> r.roleName("Retrieved")
                    .assumeRolePolicyDocument(WebIdentityFixture.trust(arn, idp.host(), false)));
            assertThat(WebIdentityFixture.assume(sts, "arn:aws:iam::111122223333:role/Retrieved", idp.token())
                    .subjectFromWebIdentityToken()).isEqualTo("alice");
        }
    }

    @Test
    void aNonLoopbackHostIsNotContactedAndGetsNoThumbprint() {
        String arn = iam.createOpenIDConnectProvider(r -> r.url("https://accounts.example.com").clientIDList("x"))
                .openIDConnectProviderArn();
        assertThat(iam.getOpenIDConnectProvider(r -> r.openIDConnectProviderArn(arn)).thumbprintList()).isEmpty();
    }

    @Test
    void aLoopbackHostWithoutTlsIsOpenIdIdpCommunicationError() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }
        String url = "https://127.0.0.1:" + port;
        assertThatThrownBy(() -> iam.createOpenIDConnectProvider(r -> r.url(url)))
                .isInstanceOfSatisfying(IamException.class, e -> {
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("OpenIdIdpCommunicationError");
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Could not retrieve the server "
                            + "certificate of " + url + " to compute its thumbprint: ConnectException.");
                });
    }
}
