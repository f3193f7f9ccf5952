package dev.stsbridge.idp.web.slo;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.config.ServiceProviderConfig;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;
import dev.stsbridge.idp.web.XmlSec1;
import dev.stsbridge.xml.SecureXml;

/**
 * SAML single logout at {@code /saml2/slo} against the real server: SP-initiated (HTTP-Redirect and HTTP-POST), the
 * chain to the other SPs of the session, the sign-out button's chain, and one hostile fixture per rule.
 */
class SingleLogoutTest {

    static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String SSO_URL = "http://127.0.0.1:8080/saml2/sso";
    static final String SLO_URL = "http://127.0.0.1:8080/saml2/slo";
    static final String REQUEST = "SAMLRequest";
    static final String RESPONSE = "SAMLResponse";
    static final String EMAIL = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

    @TempDir
    static Path dataDir;
    @TempDir
    Path work;
    static TestIdp idp;
    static SloSp redirectSp;
    static SloSp postSp;
    static SloSp noSloSp;
    static SloSp stranger;
    private static int ids;

    /** What the SP got in its assertion. */
    record SignIn(String nameId, String format, String sessionIndex) {
    }

    @BeforeAll
    static void start() {
        startIn(dataDir);
    }

    /** The IdP with three SPs (HTTP-Redirect SLO, HTTP-POST SLO, no SLO) and data in {@code dir}. */
    static void startIn(Path dir) {
        redirectSp = new SloSp("slo-redirect.example.test", Clock.systemUTC());
        postSp = new SloSp("slo-post.example.test", Clock.systemUTC());
        noSloSp = new SloSp("no-slo.example.test", Clock.systemUTC());
        stranger = new SloSp("stranger.example.test", Clock.systemUTC());
        idp = TestIdp.start(dir, List.of(
                new ServiceProviderConfig(TestIdp.write(dir, "redirect.xml", redirectSp.metadata(SloSp.REDIRECT)),
                        SpProfile.BASIC, NameIdFormat.PERSISTENT, false),
                new ServiceProviderConfig(TestIdp.write(dir, "post.xml", postSp.metadata(SloSp.POST)),
                        SpProfile.BASIC, NameIdFormat.EMAIL, false),
                new ServiceProviderConfig(TestIdp.write(dir, "no-slo.xml", noSloSp.metadata(null)),
                        SpProfile.BASIC, NameIdFormat.EMAIL, false)));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    static String newId() {
        return "_slo" + (++ids);
    }

    static Instant now() {
        return idp.clock.instant();
    }

    static X509Certificate idpCertificate() {
        return idp.idp.keys().current().certificate();
    }

    /** SP-initiated sign-in of the browser's person to {@code sp}: what the assertion said. */
    static SignIn signIn(Browser browser, SloSp sp) {
        HttpResponse<String> page = browser.get("/saml2/sso?" + SloSp.redirectQuery(REQUEST,
                sp.authnRequest(newId(), now(), SSO_URL), null));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Document response = SecureXml.parse(Base64.getDecoder().decode(Browser.hidden(page.body(), RESPONSE)
                .orElseThrow()));
        Element nameId = (Element) response.getElementsByTagNameNS(SAML, "NameID").item(0);
        Element statement = (Element) response.getElementsByTagNameNS(SAML, "AuthnStatement").item(0);
        return new SignIn(nameId.getTextContent(), nameId.getAttribute("Format"),
                statement.getAttribute("SessionIndex"));
    }

    static String logoutRequest(SloSp sp, String id, SignIn signIn) {
        return SloSp.logoutRequest(id, now(), sp.entityId, SLO_URL, signIn.nameId(), signIn.format(),
                signIn.sessionIndex(), null);
    }

    /** The one-line reason of an error page. */
    static String reason(HttpResponse<String> page) {
        Matcher m = Pattern.compile("<p id=\"error-message\"[^>]*>([^<]*)</p>").matcher(page.body());
        assertThat(m.find()).as(page.body()).isTrue();
        return Browser.unescape(m.group(1));
    }

    static Document decodePost(HttpResponse<String> page, String field) {
        return SecureXml.parse(Base64.getDecoder().decode(Browser.hidden(page.body(), field).orElseThrow()));
    }

    @Test
    void redirectLogoutRequestEndsTheSessionAndAnswersWithASignedSuccessAtTheResponseLocation() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        SignIn signIn = signIn(browser, redirectSp);
        assertThat(signIn.sessionIndex()).startsWith("_").hasSize(33);
        String id = newId();

        HttpResponse<String> answer = browser.get("/saml2/slo?" + SloSp.signedRedirectQuery(REQUEST,
                logoutRequest(redirectSp, id, signIn), "state-7", redirectSp.key));

        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectSp.slo + "/response?SAMLResponse=");
        assertThat(SloSp.querySignatureValid(location, idpCertificate(), RESPONSE)).isTrue();
        assertThat(SloSp.decode(SloSp.rawQuery(location).get("RelayState"))).isEqualTo("state-7");
        Element response = SloSp.redirectMessage(location, RESPONSE).getDocumentElement();
        assertThat(response.getLocalName()).isEqualTo("LogoutResponse");
        assertThat(response.getAttribute("InResponseTo")).isEqualTo(id);
        assertThat(response.getAttribute("Destination")).isEqualTo(redirectSp.slo + "/response");
        assertThat(response.getElementsByTagNameNS(SAML, "Issuer").item(0).getTextContent())
                .isEqualTo(idp.idp.config().entityId());
        assertThat(((Element) response.getElementsByTagNameNS(SAMLP, "StatusCode").item(0)).getAttribute("Value"))
                .isEqualTo(SloSp.SUCCESS);
        assertThat(browser.get("/portal").statusCode()).as("the IdP session is over").isEqualTo(303);
        assertThat(idp.auditLines("\"event\":\"logout\"", "\"outcome\":\"ended\"", "\"user\":\"alice\"",
                "\"message_id\":\"" + id + "\"")).hasSize(1);
    }

    @Test
    void postLogoutRequestIsAnsweredWithAnEnvelopedSignatureThatXmlSec1Verifies() throws Exception {
        Browser browser = idp.browser().signedIn("bob", "builder");
        SignIn signIn = signIn(browser, postSp);
        assertThat(signIn.nameId()).isEqualTo("bob@example.com");
        String id = newId();

        HttpResponse<String> page = browser.post("/saml2/slo", form(REQUEST,
                SloSp.signedPost(logoutRequest(postSp, id, signIn), id, postSp.key), "RelayState", "r-1"));

        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"" + postSp.slo + "/response\"");
        assertThat(Browser.hidden(page.body(), "RelayState")).hasValue("r-1");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("form-action 'self' https://slo-post.example.test");
        byte[] xml = Base64.getDecoder().decode(Browser.hidden(page.body(), RESPONSE).orElseThrow());
        assertThat(XmlSec1.verify(work, xml, XmlSec1.certificatePem(browser.get("/saml2/metadata").body()),
                SAMLP + ":LogoutResponse")).contains("OK");
        Element response = SecureXml.parse(xml).getDocumentElement();
        assertThat(response.getAttribute("InResponseTo")).isEqualTo(id);
        assertThat(browser.get("/portal").statusCode()).isEqualTo(303);
    }

    @Test
    void aLogoutRequestFromOneSpLogsTheOtherOutThroughTheBrowserBeforeAnswering() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        SignIn atRedirect = signIn(browser, redirectSp);
        SignIn atPost = signIn(browser, postSp);
        assertThat(atPost.sessionIndex()).as("a SessionIndex per SP").isNotEqualTo(atRedirect.sessionIndex());
        String id = newId();

        HttpResponse<String> toPostSp = browser.get("/saml2/slo?" + SloSp.signedRedirectQuery(REQUEST,
                logoutRequest(redirectSp, id, atRedirect), "from-redirect-sp", redirectSp.key));

        assertThat(toPostSp.statusCode()).isEqualTo(200);
        assertThat(toPostSp.body()).contains("action=\"" + postSp.slo + "\"");
        byte[] xml = Base64.getDecoder().decode(Browser.hidden(toPostSp.body(), REQUEST).orElseThrow());
        assertThat(XmlSec1.verify(work, xml, XmlSec1.certificatePem(browser.get("/saml2/metadata").body()),
                SAMLP + ":LogoutRequest")).contains("OK");
        Element request = SecureXml.parse(xml).getDocumentElement();
        assertThat(request.getAttribute("Destination")).isEqualTo(postSp.slo);
        Element nameId = (Element) request.getElementsByTagNameNS(SAML, "NameID").item(0);
        assertThat(nameId.getTextContent()).isEqualTo(atPost.nameId());
        assertThat(nameId.getAttribute("Format")).isEqualTo(EMAIL);
        assertThat(request.getElementsByTagNameNS(SAMLP, "SessionIndex").item(0).getTextContent())
                .isEqualTo(atPost.sessionIndex());
        String chain = Browser.hidden(toPostSp.body(), "RelayState").orElseThrow();

        String confirmation = SloSp.logoutResponse(newId(), now(), postSp.entityId, SLO_URL,
                request.getAttribute("ID"), SloSp.SUCCESS);
        HttpResponse<String> toRedirectSp = browser.post("/saml2/slo", form(RESPONSE, SloSp.signedPost(
                confirmation, idOf(confirmation), postSp.key), "RelayState", chain));

        assertThat(toRedirectSp.statusCode()).as(toRedirectSp.body()).isEqualTo(303);
        String location = toRedirectSp.headers().firstValue("Location").orElseThrow();
        Element response = SloSp.redirectMessage(location, RESPONSE).getDocumentElement();
        assertThat(response.getAttribute("InResponseTo")).isEqualTo(id);
        assertThat(response.getElementsByTagNameNS(SAMLP, "StatusCode").getLength()).isEqualTo(1);
        assertThat(SloSp.decode(SloSp.rawQuery(location).get("RelayState"))).isEqualTo("from-redirect-sp");
        assertThat(idp.auditLines("\"event\":\"logout\"", "\"outcome\":\"confirmed\"",
                "\"sp\":\"" + postSp.entityId + "\"")).isNotEmpty();
        assertThat(browser.post("/saml2/slo", form(RESPONSE, SloSp.signedPost(confirmation, idOf(confirmation),
                postSp.key), "RelayState", chain)).statusCode()).as("the logout is over").isEqualTo(400);
    }

    @Test
    void anSpThatDoesNotConfirmMakesTheAnswerAPartialLogout() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        SignIn atRedirect = signIn(browser, redirectSp);
        signIn(browser, postSp);
        String id = newId();
        HttpResponse<String> toPostSp = browser.get("/saml2/slo?" + SloSp.signedRedirectQuery(REQUEST,
                logoutRequest(redirectSp, id, atRedirect), null, redirectSp.key));
        Element request = decodePost(toPostSp, REQUEST).getDocumentElement();
        String refusal = SloSp.logoutResponse(newId(), now(), postSp.entityId, SLO_URL, request.getAttribute("ID"),
                "urn:oasis:names:tc:SAML:2.0:status:Responder");

        HttpResponse<String> answer = browser.get("/saml2/slo?" + SloSp.signedRedirectQuery(RESPONSE, refusal,
                Browser.hidden(toPostSp.body(), "RelayState").orElseThrow(), postSp.key));

        Element response = SloSp.redirectMessage(answer.headers().firstValue("Location").orElseThrow(), RESPONSE)
                .getDocumentElement();
        Element top = (Element) response.getElementsByTagNameNS(SAMLP, "StatusCode").item(0);
        Element second = (Element) response.getElementsByTagNameNS(SAMLP, "StatusCode").item(1);
        assertThat(top.getAttribute("Value")).isEqualTo(SloSp.SUCCESS);
        assertThat(second.getAttribute("Value")).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:PartialLogout");
        assertThat(response.getElementsByTagNameNS(SAMLP, "StatusMessage").item(0).getTextContent())
                .isEqualTo("Not signed out of: " + postSp.entityId);
    }

    @Test
    void theSignOutButtonLogsOutEachSpInTurnAndListsWhoConfirmed() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        signIn(browser, redirectSp);
        signIn(browser, postSp);
        signIn(browser, noSloSp);

        HttpResponse<String> first = browser.post("/logout", form("csrf", Browser.csrf(browser.get("/logout")
                .body())));

        assertThat(first.statusCode()).isEqualTo(303);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectSp.slo + "?SAMLRequest=");
        assertThat(SloSp.querySignatureValid(location, idpCertificate(), REQUEST)).isTrue();
        Element request = SloSp.redirectMessage(location, REQUEST).getDocumentElement();
        String chain = SloSp.decode(SloSp.rawQuery(location).get("RelayState"));
        assertThat(browser.get("/portal").statusCode()).as("the IdP session ended first").isEqualTo(303);
        String fromRedirectSp = SloSp.logoutResponse(newId(), now(), redirectSp.entityId, SLO_URL,
                request.getAttribute("ID"), SloSp.SUCCESS);

        HttpResponse<String> second = browser.get("/saml2/slo?" + SloSp.signedRedirectQuery(RESPONSE,
                fromRedirectSp, chain, redirectSp.key));

        assertThat(second.statusCode()).isEqualTo(200);
        Element toPostSp = decodePost(second, REQUEST).getDocumentElement();
        String fromPostSp = SloSp.logoutResponse(newId(), now(), postSp.entityId, SLO_URL,
                toPostSp.getAttribute("ID"), SloSp.SUCCESS);
        HttpResponse<String> done = browser.post("/saml2/slo", form(RESPONSE, SloSp.signedPost(fromPostSp,
                idOf(fromPostSp), postSp.key), "RelayState", chain));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"signed-out\"");
        assertThat(list(done.body(), "slo-confirmed")).containsExactly(redirectSp.entityId, postSp.entityId);
        assertThat(list(done.body(), "slo-unconfirmed")).containsExactly(noSloSp.entityId);
        assertThat(idp.auditLines("\"event\":\"logout\"", "\"outcome\":\"unsupported\"",
                "\"sp\":\"" + noSloSp.entityId + "\"")).hasSize(1);
    }

    @Test
    void theSignOutButtonWithoutParticipantsShowsTheSignedOutPageAtOnce() {
        Browser browser = idp.browser().signedIn("carol", "chocolate");

        HttpResponse<String> done = browser.post("/logout", form("csrf", Browser.csrf(browser.get("/logout")
                .body())));

        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("id=\"signed-out\"").doesNotContain("slo-confirmed");
        assertThat(browser.get("/portal").statusCode()).isEqualTo(303);
    }

    static String idOf(String xml) {
        Matcher m = Pattern.compile(" ID=\"([^\"]+)\"").matcher(xml);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    static List<String> list(String html, String id) {
        Matcher ul = Pattern.compile("<ul id=\"" + id + "\">(.*?)</ul>", Pattern.DOTALL).matcher(html);
        assertThat(ul.find()).as(id + " in " + html).isTrue();
        Matcher li = Pattern.compile("<li>([^<]*)</li>").matcher(ul.group(1));
        List<String> items = new java.util.ArrayList<>();
        while (li.find()) {
            items.add(Browser.unescape(li.group(1)));
        }
        return items;
    }
}
