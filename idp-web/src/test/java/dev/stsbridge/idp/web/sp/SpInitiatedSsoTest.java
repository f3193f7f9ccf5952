package dev.stsbridge.idp.web.sp;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.config.ServiceProviderConfig;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;
import dev.stsbridge.idp.web.XmlSec1;
import dev.stsbridge.xml.SecureXml;

/** SP-initiated sign-in (/saml2/sso) with good and hostile AuthnRequests, to a generic SP and to AWS. */
class SpInitiatedSsoTest {

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String SSO_URL = "http://127.0.0.1:8080/saml2/sso";

    @TempDir
    static Path dataDir;
    @TempDir
    Path work;
    private static TestIdp idp;
    private static TestSp open;
    private static TestSp signing;
    private static int ids;

    @BeforeAll
    static void start() {
        open = new TestSp("https://sp.example.test/saml", "https://sp.example.test/acs", Clock.systemUTC());
        signing = new TestSp("https://signed.example.test/saml", "https://signed.example.test/acs", Clock.systemUTC());
        Path openMetadata = TestIdp.write(dataDir, "open-sp.xml", open.metadata(false));
        Path signedMetadata = TestIdp.write(dataDir, "signed-sp.xml", signing.metadata(true));
        idp = TestIdp.start(dataDir, List.of(
                new ServiceProviderConfig(openMetadata, SpProfile.BASIC, NameIdFormat.EMAIL, false),
                new ServiceProviderConfig(signedMetadata, SpProfile.BASIC, NameIdFormat.PERSISTENT, false)));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static String newId() {
        return "_req" + (++ids);
    }

    private static Instant now() {
        return idp.clock.instant();
    }

    @Test
    void redirectBindingWaitsForTheLoginInTheSessionThenAnswersWithInResponseTo() throws Exception {
        Browser browser = idp.browser();
        String id = newId();
        HttpResponse<String> first = browser.get("/saml2/sso?" + TestSp.redirectQuery(
                open.request(id, now(), open.entityId, open.acs, SSO_URL), "state-123"));
        assertThat(first.statusCode()).isEqualTo(303);
        assertThat(first.headers().firstValue("Location")).hasValue("/login");

        HttpResponse<String> login = browser.login("alice", "wonderland");
        assertThat(login.headers().firstValue("Location")).hasValue("/saml2/sso/continue");
        HttpResponse<String> page = browser.get("/saml2/sso/continue");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"https://sp.example.test/acs\"");
        assertThat(Browser.hidden(page.body(), "RelayState")).hasValue("state-123");
        byte[] xml = Base64.getDecoder().decode(Browser.hidden(page.body(), "SAMLResponse").orElseThrow());
        assertThat(XmlSec1.verify(work, xml, XmlSec1.certificatePem(browser.get("/saml2/metadata").body())))
                .contains("OK");
        Document response = SecureXml.parse(xml);
        Element root = response.getDocumentElement();
        assertThat(root.getAttribute("InResponseTo")).isEqualTo(id);
        assertThat(root.getAttribute("Destination")).isEqualTo("https://sp.example.test/acs");
        assertThat(text(response, "Audience")).isEqualTo("https://sp.example.test/saml");
        assertThat(text(response, "NameID")).isEqualTo("alice@example.com");
        Element confirmation = (Element) response.getElementsByTagNameNS(SAML, "SubjectConfirmationData").item(0);
        assertThat(confirmation.getAttribute("InResponseTo")).isEqualTo(id);
        assertThat(confirmation.getAttribute("Recipient")).isEqualTo("https://sp.example.test/acs");
        assertThat(new String(xml, StandardCharsets.UTF_8)).contains("urn:oid:0.9.2342.19200300.100.1.3")
                .doesNotContain("https://aws.amazon.com/SAML/Attributes/Role");
        assertThat(browser.get("/saml2/sso/continue").statusCode()).as("answered once").isEqualTo(400);
        assertThat(idp.auditLines("\"sp\":\"https://sp.example.test/saml\"", "\"in_response_to\":\"" + id + "\""))
                .hasSize(1);
    }

    @Test
    void postBindingToASignedInPersonIsAnsweredAtOnceAtTheRequestedIndexlessDefaultAcs() {
        Browser browser = idp.browser().signedIn("bob", "builder");
        String xml = open.request(newId(), now(), open.entityId, null, SSO_URL);
        HttpResponse<String> page = browser.post("/saml2/sso", form("SAMLRequest",
                Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8))));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"https://sp.example.test/acs\"");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
    }

    @Test
    void spInitiatedSignInToAwsAnswersWithTheAwsClaimsAndInResponseTo() {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        String id = newId();
        HttpResponse<String> page = browser.get("/saml2/sso?" + TestSp.redirectQuery(open.request(id, now(),
                "urn:amazon:webservices", "https://signin.aws.amazon.com/saml", SSO_URL), null));
        assertThat(page.statusCode()).isEqualTo(200);
        Document response = SecureXml.parse(Base64.getDecoder().decode(Browser.hidden(page.body(), "SAMLResponse")
                .orElseThrow()));
        assertThat(response.getDocumentElement().getAttribute("InResponseTo")).isEqualTo(id);
        assertThat(new String(SecureXml.toBytes(response), StandardCharsets.UTF_8))
                .contains("arn:aws:iam::111122223333:role/Admin");
    }

    @Test
    void passiveRequestFromSomeoneNotSignedInIsAnsweredWithASignedNoPassiveStatusAndNoLoginPage() throws Exception {
        Browser browser = idp.browser();
        String id = newId();
        String passive = open.request(id, now(), open.entityId, open.acs, SSO_URL)
                .replace(" ProtocolBinding=", " IsPassive=\"true\" ProtocolBinding=");
        HttpResponse<String> page = browser.get("/saml2/sso?" + TestSp.redirectQuery(passive, "state-9"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"https://sp.example.test/acs\"");
        assertThat(Browser.hidden(page.body(), "RelayState")).hasValue("state-9");
        byte[] xml = Base64.getDecoder().decode(Browser.hidden(page.body(), "SAMLResponse").orElseThrow());
        assertThat(XmlSec1.verify(work, xml, XmlSec1.certificatePem(browser.get("/saml2/metadata").body())))
                .contains("OK");
        Document response = SecureXml.parse(xml);
        assertThat(response.getDocumentElement().getAttribute("InResponseTo")).isEqualTo(id);
        NodeList codes = response.getElementsByTagNameNS(SAMLP, "StatusCode");
        assertThat(((Element) codes.item(0)).getAttribute("Value"))
                .isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Responder");
        assertThat(((Element) codes.item(1)).getAttribute("Value"))
                .isEqualTo("urn:oasis:names:tc:SAML:2.0:status:NoPassive");
        assertThat(response.getElementsByTagNameNS(SAML, "Assertion").getLength()).isZero();
        assertThat(browser.get("/saml2/sso/continue").statusCode()).as("nothing waits for a login").isEqualTo(400);
    }

    @Test
    void passiveRequestFromSomeoneSignedInIsAnsweredWithAnAssertion() {
        Browser browser = idp.browser().signedIn("bob", "builder");
        String passive = open.request(newId(), now(), open.entityId, open.acs, SSO_URL)
                .replace(" ProtocolBinding=", " IsPassive=\"true\" ProtocolBinding=");
        HttpResponse<String> page = browser.get("/saml2/sso?" + TestSp.redirectQuery(passive, null));

        assertThat(page.statusCode()).isEqualTo(200);
        Document response = SecureXml.parse(Base64.getDecoder().decode(Browser.hidden(page.body(), "SAMLResponse")
                .orElseThrow()));
        assertThat(text(response, "NameID")).isEqualTo("bob@example.com");
        assertThat(((Element) response.getElementsByTagNameNS(SAMLP, "StatusCode").item(0)).getAttribute("Value"))
                .isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
    }

    @Test
    void unknownIssuerIsRefused() {
        assertRefused(open.request(newId(), now(), "https://stranger.example.test/saml", null, SSO_URL),
                "Unknown service provider \"https://stranger.example.test/saml\": register its metadata under "
                        + "service-providers.");
    }

    @Test
    void foreignAcsUrlIsRefused() {
        assertRefused(open.request(newId(), now(), open.entityId, "https://evil.example.com/acs", SSO_URL),
                "The AssertionConsumerServiceURL \"https://evil.example.com/acs\" is not registered for service "
                        + "provider https://sp.example.test/saml.");
    }

    @Test
    void replayedRequestIdIsRefused() {
        String xml = open.request("_replayed", now(), open.entityId, open.acs, SSO_URL);
        Browser browser = idp.browser();
        assertThat(browser.get("/saml2/sso?" + TestSp.redirectQuery(xml, null)).statusCode()).isEqualTo(303);
        assertRefused(xml, "The AuthnRequest ID _replayed was already used (a replayed request).");
    }

    @Test
    void staleAndFutureIssueInstantsAreRefused() {
        assertRefused(open.request(newId(), now().minus(Duration.ofMinutes(6)), open.entityId, null, SSO_URL),
                "The AuthnRequest was issued at 2026-11-25T11:54:00Z, more than 5 minutes from now");
        assertRefused(open.request(newId(), now().plus(Duration.ofMinutes(6)), open.entityId, null, SSO_URL),
                "The AuthnRequest was issued at 2026-11-25T12:06:00Z, more than 5 minutes from now");
    }

    @Test
    void doctypeInTheRequestIsRefused() {
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x \"y\">]>"
                + open.request(newId(), now(), open.entityId, null, SSO_URL);
        assertRefused(xml, "The SAMLRequest is not acceptable XML: not well-formed XML");
        assertRefused(xml, "DOCTYPE");
    }

    @Test
    void deflateBombIsRefusedAfterTheSizeCap() {
        String bomb = "SAMLRequest=" + TestSp.encode(Base64.getEncoder().encodeToString(
                TestSp.deflate(new byte[4 * 1024 * 1024])));
        HttpResponse<String> page = idp.browser().get("/saml2/sso?" + bomb);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("The SAMLRequest inflates to more than 65536 bytes.");
    }

    @Test
    void wrongDestinationIsRefused() {
        assertRefused(open.request(newId(), now(), open.entityId, null, "https://other-idp.example.com/sso"),
                "The AuthnRequest&#39;s Destination");
    }

    @Test
    void anSpThatSignsItsRequestsMustSignThem() throws Exception {
        String xml = signing.request(newId(), now(), signing.entityId, signing.acs, SSO_URL);
        assertRefused(xml, "The AuthnRequest must be signed: service provider https://signed.example.test/saml "
                + "signs its requests.");
        HttpResponse<String> post = idp.browser().post("/saml2/sso", form("SAMLRequest",
                Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8))));
        assertThat(post.statusCode()).isEqualTo(400);
    }

    @Test
    void redirectSignatureByTheRegisteredKeyIsAcceptedAndByAnotherKeyRefused() throws Exception {
        String good = signing.signedRedirectQuery(signing.request(newId(), now(), signing.entityId, signing.acs,
                SSO_URL), "rs", signing.key);
        assertThat(idp.browser().get("/saml2/sso?" + good).statusCode()).isEqualTo(303);

        String forged = signing.signedRedirectQuery(signing.request(newId(), now(), signing.entityId, signing.acs,
                SSO_URL), "rs", open.key);
        HttpResponse<String> page = idp.browser().get("/saml2/sso?" + forged);
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(page.body()).contains("The AuthnRequest&#39;s signature is not valid: it does not verify with "
                + "the service provider&#39;s registered signing certificates.");
    }

    @Test
    void postSignatureIsCheckedAndATamperedRequestRefused() throws Exception {
        String id = newId();
        byte[] signed = TestSp.signEnveloped(signing.request(id, now(), signing.entityId, signing.acs, SSO_URL), id,
                signing.key);
        HttpResponse<String> accepted = idp.browser().post("/saml2/sso", form("SAMLRequest",
                Base64.getEncoder().encodeToString(signed)));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(303);

        String other = newId();
        String tampered = new String(TestSp.signEnveloped(signing.request(other, now(), signing.entityId,
                signing.acs, SSO_URL), other, signing.key), StandardCharsets.UTF_8)
                .replace("AssertionConsumerServiceURL=\"" + signing.acs + "\"",
                        "AssertionConsumerServiceURL=\"" + signing.acs + "/second\"");
        HttpResponse<String> refused = idp.browser().post("/saml2/sso", form("SAMLRequest",
                Base64.getEncoder().encodeToString(tampered.getBytes(StandardCharsets.UTF_8))));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("The AuthnRequest&#39;s signature is not valid");
    }

    private static void assertRefused(String xml, String message) {
        HttpResponse<String> page = idp.browser().get("/saml2/sso?" + TestSp.redirectQuery(xml, null));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
        assertThat(Browser.unescape(page.body().replace("&#39;", "'"))).contains(Browser.unescape(
                message.replace("&#39;", "'")));
        assertThat(page.body()).doesNotContain("SAMLResponse");
    }

    private static String text(Document document, String localName) {
        return document.getElementsByTagNameNS(SAML, localName).item(0).getTextContent();
    }
}
