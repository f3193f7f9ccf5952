package dev.stsbridge.idp.web.sp;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.config.ServiceProviderConfig;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;
import dev.stsbridge.idp.web.mfa.Authenticator;

/**
 * Step-up: MFA is not required at login, but role Admin has {@code require-mfa}, and SPs may ask for it with
 * RequestedAuthnContext; ECP takes the code from its header. Ordered: alice enrolls during the first step-up.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MfaStepUpTest {

    private static final String SSO_URL = "http://127.0.0.1:8080/saml2/sso";
    private static final String MFA = "https://refeds.org/profile/mfa";
    private static final String PPT = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

    @TempDir
    static Path dataDir;
    private static TestIdp idp;
    private static TestSp sp;
    private static Authenticator alicesApp;
    private static int ids;

    @BeforeAll
    static void start() {
        sp = new TestSp("https://sp.example.test/saml", "https://sp.example.test/acs", Clock.systemUTC());
        Path metadata = TestIdp.write(dataDir, "sp.xml", sp.metadata(false));
        idp = TestIdp.startWith(dataDir, List.of(new ServiceProviderConfig(metadata, SpProfile.BASIC,
                NameIdFormat.EMAIL, false)), yaml -> yaml.replace("      role: Admin\n",
                "      role: Admin\n      require-mfa: true\n"));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @BeforeEach
    void later() {
        idp.clock.advance(Duration.ofMinutes(1));
    }

    @Test
    @Order(1)
    void aRoleWithRequireMfaAsksAPasswordOnlySessionForASecondFactorFirst() {
        Browser browser = idp.browser();
        assertThat(browser.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/portal");
        assertThat(assertion(browser.get("/sso/aws?account=dev&role=Developer")))
                .as("a role without require-mfa").contains(">urn:oasis:names:tc:SAML:2.0:ac:classes:Password<");

        assertThat(browser.get("/sso/aws").headers().firstValue("Location")).as("all roles include Admin")
                .hasValue("/mfa");
        HttpResponse<String> admin = browser.get("/sso/aws?account=prod&role=Admin");
        assertThat(admin.statusCode()).isEqualTo(303);
        assertThat(admin.headers().firstValue("Location")).hasValue("/mfa");
        assertThat(browser.get("/mfa").headers().firstValue("Location")).hasValue("/mfa/enroll");
        HttpResponse<String> enroll = browser.get("/mfa/enroll");
        alicesApp = Authenticator.scan(enroll.body());
        HttpResponse<String> done = browser.post("/mfa/enroll/totp", form("csrf", Browser.csrf(enroll.body()),
                "code", alicesApp.code(idp.clock.instant())));
        assertThat(Browser.unescape(done.body())).contains("href=\"/sso/aws?account=prod&role=Admin\"");
        assertThat(assertion(browser.get("/sso/aws?account=prod&role=Admin"))).contains(">" + MFA + "<");
    }

    @Test
    @Order(2)
    void requestedAuthnContextExactMfaIsAnsweredAfterTheSecondFactorWithThatClass() throws Exception {
        Browser browser = idp.browser();
        String id = "_mfa" + (++ids);
        HttpResponse<String> first = browser.get("/saml2/sso?" + TestSp.redirectQuery(requesting(id, "exact", MFA),
                null));
        assertThat(first.headers().firstValue("Location")).hasValue("/login");
        assertThat(browser.login("alice", "wonderland").headers().firstValue("Location")).hasValue("/mfa");
        HttpResponse<String> code = browser.post("/mfa/totp", form("csrf", Browser.csrf(browser.get("/mfa").body()),
                "code", alicesApp.code(idp.clock.instant())));
        assertThat(code.headers().firstValue("Location")).hasValue("/saml2/sso/continue");
        String response = assertion(browser.get("/saml2/sso/continue"));
        assertThat(response).contains("InResponseTo=\"" + id + "\"").contains(">" + MFA + "<");
    }

    @Test
    @Order(3)
    void requestedAuthnContextMinimumMfaStepsUpAPasswordOnlySession() throws Exception {
        Browser bob = idp.browser().signedIn("bob", "builder");
        String id = "_mfa" + (++ids);
        HttpResponse<String> page = bob.get("/saml2/sso?" + TestSp.redirectQuery(requesting(id, "minimum", MFA),
                null));
        assertThat(page.headers().firstValue("Location")).hasValue("/mfa");
        assertThat(bob.get("/mfa").headers().firstValue("Location")).as("bob has no factor yet")
                .hasValue("/mfa/enroll");
    }

    @Test
    @Order(4)
    void requestedAuthnContextThatCannotBeSatisfiedIsAnsweredWithASignedNoAuthnContext() throws Exception {
        Browser bob = idp.browser().signedIn("bob", "builder");
        for (String[] asked : List.of(new String[] {"exact", PPT},
                new String[] {"exact", "urn:oasis:names:tc:SAML:2.0:ac:classes:Kerberos"},
                new String[] {"better", MFA})) {
            String id = "_mfa" + (++ids);
            HttpResponse<String> page = bob.get("/saml2/sso?" + TestSp.redirectQuery(requesting(id, asked[0],
                    asked[1]), null));
            String response = assertion(page);
            assertThat(response).as(String.join(" ", asked)).contains("InResponseTo=\"" + id + "\"")
                    .contains("urn:oasis:names:tc:SAML:2.0:status:Responder")
                    .contains("urn:oasis:names:tc:SAML:2.0:status:NoAuthnContext")
                    .doesNotContain("Assertion");
            assertThat(page.body()).contains("action=\"https://sp.example.test/acs\"");
        }
    }

    @Test
    @Order(5)
    void ecpRefusesWithoutTheCodeHeaderAndSignsWithMfaWithIt() throws Exception {
        HttpResponse<String> without = ecp(null);
        assertThat(without.statusCode()).isEqualTo(403);
        assertThat(without.body()).contains("S:Client").contains(EcpEndpoint.OTP_REQUIRED);

        HttpResponse<String> wrong = ecp("000000");
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(wrong.body()).contains("That code is not valid, or was already used.");

        idp.clock.advance(Duration.ofSeconds(30));
        String code = alicesApp.code(idp.clock.instant());
        HttpResponse<String> with = ecp(code);
        assertThat(with.statusCode()).as(with.body()).isEqualTo(200);
        assertThat(with.body()).contains(">" + MFA + "<");
        assertThat(ecp(code).statusCode()).as("the same code again").isEqualTo(403);
        assertThat(idp.auditLines("\"event\":\"mfa\"", "\"via\":\"basic\"", "\"outcome\":\"ok\"")).hasSize(1);
    }

    private static String requesting(String id, String comparison, String classRef) {
        return sp.request(id, idp.clock.instant(), sp.entityId, sp.acs, SSO_URL).replace("</samlp:AuthnRequest>",
                "<samlp:RequestedAuthnContext Comparison=\"" + comparison + "\"><saml:AuthnContextClassRef>"
                        + classRef + "</saml:AuthnContextClassRef></samlp:RequestedAuthnContext>"
                        + "</samlp:AuthnRequest>");
    }

    private static HttpResponse<String> ecp(String code) throws Exception {
        String request = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_ecp" + (++ids) + "\" Version=\"2.0\" "
                + "IssueInstant=\"" + idp.clock.instant() + "\" AssertionConsumerServiceURL="
                + "\"https://signin.aws.amazon.com/saml\" ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:PAOS\">"
                + "<saml:Issuer>urn:amazon:webservices</saml:Issuer></samlp:AuthnRequest>";
        HttpRequest.Builder http = HttpRequest.newBuilder(URI.create(idp.server.baseUrl()
                        + "/saml2/ecp?account=prod&role=Admin"))
                .header("Content-Type", "text/xml; charset=utf-8")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "alice:wonderland".getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString("<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/"
                        + "envelope/\"><S:Body>" + request + "</S:Body></S:Envelope>"));
        if (code != null) {
            http.header("X-Stsbridge-OTP", code);
        }
        return HttpClient.newHttpClient().send(http.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String assertion(HttpResponse<String> postPage) {
        assertThat(postPage.statusCode()).as(postPage.body()).isEqualTo(200);
        return new String(Base64.getDecoder().decode(Browser.hidden(postPage.body(), "SAMLResponse").orElseThrow()),
                StandardCharsets.UTF_8);
    }
}
