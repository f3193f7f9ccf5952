package dev.stsbridge.idp.web.slo;

import static dev.stsbridge.idp.web.Browser.form;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.REQUEST;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.RESPONSE;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.SAMLP;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.SLO_URL;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.logoutRequest;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.newId;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.now;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.reason;
import static dev.stsbridge.idp.web.slo.SingleLogoutTest.signIn;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * One hostile fixture per rule of single logout: each refusal is a 400 with its exact one-line reason (and the
 * session lives on), or, where the request is genuine but names someone else, a signed non-success LogoutResponse.
 */
class HostileLogoutTest {

    @TempDir
    static Path dataDir;
    private static SloSp redirectSp;
    private static SloSp postSp;

    @BeforeAll
    static void start() {
        SingleLogoutTest.startIn(dataDir);
        redirectSp = SingleLogoutTest.redirectSp;
        postSp = SingleLogoutTest.postSp;
    }

    @AfterAll
    static void stop() {
        SingleLogoutTest.stop();
    }

    private static Browser aliceAtRedirectSp() {
        return SingleLogoutTest.idp.browser().signedIn("alice", "wonderland");
    }

    private static HttpResponse<String> redirect(Browser browser, String query) {
        return browser.get("/saml2/slo?" + query);
    }

    private static void assertRefused(HttpResponse<String> page, Browser browser, String message) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(400);
        assertThat(reason(page)).isEqualTo(message);
        assertThat(browser.get("/portal").statusCode()).as("the session lives on").isEqualTo(200);
    }

    @Test
    void anUnsignedRedirectLogoutRequestIsRefused() {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        HttpResponse<String> page = redirect(browser, SloSp.redirectQuery(REQUEST,
                logoutRequest(redirectSp, newId(), signIn), null));
        assertRefused(page, browser, "The LogoutRequest must be signed: single logout messages from "
                + redirectSp.entityId + " are accepted only with a valid signature.");
        assertThat(SingleLogoutTest.idp.auditLines("\"event\":\"logout\"", "\"outcome\":\"invalid\"",
                "\"reason\":\"The LogoutRequest must be signed: single logout messages from " + redirectSp.entityId))
                .hasSize(1);
    }

    @Test
    void anUnsignedPostLogoutRequestIsRefused() {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, postSp);
        HttpResponse<String> page = browser.post("/saml2/slo", form(REQUEST, Base64.getEncoder().encodeToString(
                logoutRequest(postSp, newId(), signIn).getBytes(StandardCharsets.UTF_8))));
        assertRefused(page, browser, "The LogoutRequest must be signed: single logout messages from "
                + postSp.entityId + " are accepted only with a valid signature.");
    }

    @Test
    void aRedirectLogoutRequestSignedByAnotherKeyIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        HttpResponse<String> page = redirect(browser, SloSp.signedRedirectQuery(REQUEST,
                logoutRequest(redirectSp, newId(), signIn), null, SingleLogoutTest.stranger.key));
        assertRefused(page, browser, "The LogoutRequest's signature is not valid: it does not verify with the "
                + "service provider's registered signing certificates.");
    }

    @Test
    void aPostLogoutRequestChangedAfterSigningIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, postSp);
        String id = newId();
        String signed = new String(Base64.getDecoder().decode(SloSp.signedPost(logoutRequest(postSp, id, signIn), id,
                postSp.key)), StandardCharsets.UTF_8);
        String tampered = signed.replace(signIn.nameId(), "bob@example.com");
        assertThat(tampered).isNotEqualTo(signed);
        HttpResponse<String> page = browser.post("/saml2/slo", form(REQUEST, Base64.getEncoder().encodeToString(
                tampered.getBytes(StandardCharsets.UTF_8))));
        assertRefused(page, browser, "The LogoutRequest's signature is not valid: it does not verify with the "
                + "service provider's registered signing certificates.");
    }

    @Test
    void aLogoutRequestFromAnUnregisteredSpIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        SloSp stranger = SingleLogoutTest.stranger;
        String xml = SloSp.logoutRequest(newId(), now(), stranger.entityId, SLO_URL, signIn.nameId(), signIn.format(),
                signIn.sessionIndex(), null);
        HttpResponse<String> page = redirect(browser, SloSp.signedRedirectQuery(REQUEST, xml, null, stranger.key));
        assertRefused(page, browser, "Unknown service provider \"" + stranger.entityId + "\": register its metadata "
                + "under service-providers.");
    }

    @Test
    void aLogoutRequestInTheNameOfAnotherRegisteredSpIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        String xml = SloSp.logoutRequest(newId(), now(), redirectSp.entityId, SLO_URL, signIn.nameId(),
                signIn.format(), signIn.sessionIndex(), null);
        HttpResponse<String> page = redirect(browser, SloSp.signedRedirectQuery(REQUEST, xml, null, postSp.key));
        assertRefused(page, browser, "The LogoutRequest's signature is not valid: it does not verify with the "
                + "service provider's registered signing certificates.");
    }

    @Test
    void aLogoutRequestFromAnSpWithoutSingleLogoutServiceIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SloSp noSlo = SingleLogoutTest.noSloSp;
        SingleLogoutTest.SignIn signIn = signIn(browser, noSlo);
        HttpResponse<String> page = redirect(browser, SloSp.signedRedirectQuery(REQUEST,
                logoutRequest(noSlo, newId(), signIn), null, noSlo.key));
        assertRefused(page, browser, "The service provider " + noSlo.entityId + " lists no SingleLogoutService "
                + "(HTTP-Redirect or HTTP-POST) in its metadata, so it cannot use single logout.");
    }

    @Test
    void aLogoutRequestForAnotherDestinationIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        String xml = SloSp.logoutRequest(newId(), now(), redirectSp.entityId, "https://idp.example.test/slo",
                signIn.nameId(), signIn.format(), signIn.sessionIndex(), null);
        HttpResponse<String> page = redirect(browser, SloSp.signedRedirectQuery(REQUEST, xml, null, redirectSp.key));
        assertRefused(page, browser, "The LogoutRequest's Destination \"https://idp.example.test/slo\" is not this "
                + "IdP's single logout endpoint " + SLO_URL + ".");
    }

    @Test
    void aStaleLogoutRequestIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        String xml = SloSp.logoutRequest(newId(), now().minus(Duration.ofMinutes(6)), redirectSp.entityId, SLO_URL,
                signIn.nameId(), signIn.format(), signIn.sessionIndex(), null);
        HttpResponse<String> page = redirect(browser, SloSp.signedRedirectQuery(REQUEST, xml, null, redirectSp.key));
        assertRefused(page, browser, "The LogoutRequest was issued at " + now().minus(Duration.ofMinutes(6))
                + ", more than 5 minutes from now (" + now() + ").");
    }

    @Test
    void aLogoutRequestPastItsNotOnOrAfterIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        String xml = SloSp.logoutRequest(newId(), now().minusSeconds(30), redirectSp.entityId, SLO_URL,
                signIn.nameId(), signIn.format(), signIn.sessionIndex(), now());
        HttpResponse<String> page = redirect(browser, SloSp.signedRedirectQuery(REQUEST, xml, null, redirectSp.key));
        assertRefused(page, browser, "The LogoutRequest expired at " + now() + " (its NotOnOrAfter); it is " + now()
                + ".");
    }

    @Test
    void aReplayedLogoutRequestIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        String id = newId();
        String query = SloSp.signedRedirectQuery(REQUEST, logoutRequest(redirectSp, id, signIn), null, redirectSp.key);
        Browser elsewhere = SingleLogoutTest.idp.browser();
        assertThat(redirect(elsewhere, query).statusCode()).as("first use, from a browser without session")
                .isEqualTo(303);
        HttpResponse<String> page = redirect(browser, query);
        assertRefused(page, browser, "The LogoutRequest ID " + id + " was already used (a replayed request).");
    }

    @Test
    void aLogoutRequestNamingSomeoneElseEndsNothingAndIsAnsweredUnknownPrincipal() throws Exception {
        Browser alice = aliceAtRedirectSp();
        signIn(alice, redirectSp);
        Browser bob = SingleLogoutTest.idp.browser().signedIn("bob", "builder");
        SingleLogoutTest.SignIn bobs = signIn(bob, redirectSp);
        String id = newId();

        HttpResponse<String> answer = redirect(alice, SloSp.signedRedirectQuery(REQUEST,
                logoutRequest(redirectSp, id, bobs), "rs", redirectSp.key));

        assertThat(answer.statusCode()).isEqualTo(303);
        String location = answer.headers().firstValue("Location").orElseThrow();
        assertThat(SloSp.querySignatureValid(location, SingleLogoutTest.idpCertificate(), RESPONSE)).isTrue();
        Element response = SloSp.redirectMessage(location, RESPONSE).getDocumentElement();
        assertThat(response.getAttribute("InResponseTo")).isEqualTo(id);
        Element top = (Element) response.getElementsByTagNameNS(SAMLP, "StatusCode").item(0);
        Element second = (Element) response.getElementsByTagNameNS(SAMLP, "StatusCode").item(1);
        assertThat(top.getAttribute("Value")).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Requester");
        assertThat(second.getAttribute("Value")).isEqualTo("urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal");
        assertThat(response.getElementsByTagNameNS(SAMLP, "StatusMessage").item(0).getTextContent())
                .isEqualTo("The NameID and SessionIndex are not those of this browser's session.");
        assertThat(alice.get("/portal").statusCode()).as("alice stays signed in").isEqualTo(200);
        assertThat(bob.get("/portal").statusCode()).as("bob stays signed in").isEqualTo(200);
    }

    @Test
    void aLogoutRequestWithTheRightNameIdButAnotherSessionIndexEndsNothing() throws Exception {
        Browser browser = aliceAtRedirectSp();
        SingleLogoutTest.SignIn signIn = signIn(browser, redirectSp);
        String xml = SloSp.logoutRequest(newId(), now(), redirectSp.entityId, SLO_URL, signIn.nameId(),
                signIn.format(), "_0123456789abcdef0123456789abcdef", null);
        HttpResponse<String> answer = redirect(browser, SloSp.signedRedirectQuery(REQUEST, xml, null, redirectSp.key));
        Element response = SloSp.redirectMessage(answer.headers().firstValue("Location").orElseThrow(), RESPONSE)
                .getDocumentElement();
        assertThat(((Element) response.getElementsByTagNameNS(SAMLP, "StatusCode").item(1)).getAttribute("Value"))
                .isEqualTo("urn:oasis:names:tc:SAML:2.0:status:UnknownPrincipal");
        assertThat(browser.get("/portal").statusCode()).isEqualTo(200);
    }

    @Test
    void aLogoutRequestWithADoctypeIsRefusedBeforeAnyEntityIsExpanded() throws Exception {
        Browser browser = aliceAtRedirectSp();
        String xml = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + SloSp.logoutRequest(newId(), now(), redirectSp.entityId, SLO_URL, "&e;", SingleLogoutTest.EMAIL,
                null, null);
        HttpResponse<String> page = redirect(browser, SloSp.signedRedirectQuery(REQUEST, xml, null, redirectSp.key));
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(reason(page)).startsWith("The LogoutRequest is not acceptable XML: ").contains("DOCTYPE");
        assertThat(browser.get("/portal").statusCode()).isEqualTo(200);
    }

    @Test
    void aDeflateBombIsRefusedAfterTheCap() {
        Browser browser = aliceAtRedirectSp();
        String bomb = "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">" + " ".repeat(
                10_000_000) + "</samlp:LogoutRequest>";
        HttpResponse<String> page = redirect(browser, SloSp.redirectQuery(REQUEST, bomb, null));
        assertRefused(page, browser, "The SAMLRequest inflates to more than 65536 bytes.");
    }

    @Test
    void anOversizedPostIsRefused() {
        Browser browser = aliceAtRedirectSp();
        String big = Base64.getEncoder().encodeToString(new byte[70_000]);
        HttpResponse<String> page = browser.post("/saml2/slo", form(REQUEST, big));
        assertRefused(page, browser, "The SAMLRequest is larger than 65536 bytes.");
    }

    @Test
    void aLogoutResponseWithTheWrongInResponseToIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        signIn(browser, postSp);
        HttpResponse<String> first = browser.post("/logout", form("csrf", Browser.csrf(browser.get("/logout")
                .body())));
        String chain = Browser.hidden(first.body(), "RelayState").orElseThrow();
        String forged = SloSp.logoutResponse(newId(), now(), postSp.entityId, SLO_URL, "_not-what-we-sent",
                SloSp.SUCCESS);

        HttpResponse<String> page = browser.post("/saml2/slo", form(RESPONSE, SloSp.signedPost(forged,
                SingleLogoutTest.idOf(forged), postSp.key), "RelayState", chain));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(reason(page)).isEqualTo("The LogoutResponse's InResponseTo \"_not-what-we-sent\" is not a "
                + "LogoutRequest this logout is waiting for.");
    }

    @Test
    void theRelayStateOfALogoutUnderWayIsNoSessionCookieSoWhoeverSawItCannotEndThatLogout() throws Exception {
        Browser browser = aliceAtRedirectSp();
        signIn(browser, postSp);
        HttpResponse<String> first = browser.post("/logout", form("csrf", Browser.csrf(browser.get("/logout")
                .body())));
        String chain = Browser.hidden(first.body(), "RelayState").orElseThrow();
        String sentId = SingleLogoutTest.decodePost(first, REQUEST).getDocumentElement().getAttribute("ID");

        // an SP, its logs or the browser history saw the RelayState: as a cookie it opens no session (the IdP starts a
        // new one), so the CSRF token it gets and the sign-out it posts are its own, not the logout record's
        Browser stranger = SingleLogoutTest.idp.browser();
        stranger.plantCookie(Sessions.COOKIE, chain);
        HttpResponse<String> login = stranger.get("/login");
        assertThat(login.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith(Sessions.COOKIE + "="));
        stranger.post("/logout", form("csrf", Browser.csrf(login.body())));

        String answer = SloSp.logoutResponse(newId(), now(), postSp.entityId, SLO_URL, sentId, SloSp.SUCCESS);
        HttpResponse<String> page = browser.post("/saml2/slo", form(RESPONSE, SloSp.signedPost(answer,
                SingleLogoutTest.idOf(answer), postSp.key), "RelayState", chain));
        assertThat(page.statusCode()).as(page.body()).isNotEqualTo(400);
        assertThat(page.body()).doesNotContain("belongs to no logout under way");
    }

    @Test
    void aLogoutResponseFromAnotherSpThanTheOneAskedIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        signIn(browser, postSp);
        HttpResponse<String> first = browser.post("/logout", form("csrf", Browser.csrf(browser.get("/logout")
                .body())));
        String chain = Browser.hidden(first.body(), "RelayState").orElseThrow();
        String sentId = SingleLogoutTest.decodePost(first, REQUEST).getDocumentElement().getAttribute("ID");
        String forged = SloSp.logoutResponse(newId(), now(), redirectSp.entityId, SLO_URL, sentId, SloSp.SUCCESS);

        HttpResponse<String> page = browser.post("/saml2/slo", form(RESPONSE, SloSp.signedPost(forged,
                SingleLogoutTest.idOf(forged), redirectSp.key), "RelayState", chain));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(reason(page)).isEqualTo("The LogoutResponse comes from " + redirectSp.entityId
                + ", but the LogoutRequest " + sentId + " went to " + postSp.entityId + ".");
    }

    @Test
    void anUnsignedLogoutResponseIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        signIn(browser, postSp);
        HttpResponse<String> first = browser.post("/logout", form("csrf", Browser.csrf(browser.get("/logout")
                .body())));
        String chain = Browser.hidden(first.body(), "RelayState").orElseThrow();
        String sentId = SingleLogoutTest.decodePost(first, REQUEST).getDocumentElement().getAttribute("ID");
        String unsigned = SloSp.logoutResponse(newId(), now(), postSp.entityId, SLO_URL, sentId, SloSp.SUCCESS);

        HttpResponse<String> page = browser.post("/saml2/slo", form(RESPONSE, Base64.getEncoder().encodeToString(
                unsigned.getBytes(StandardCharsets.UTF_8)), "RelayState", chain));

        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(reason(page)).isEqualTo("The LogoutResponse must be signed: single logout messages from "
                + postSp.entityId + " are accepted only with a valid signature.");
    }

    @Test
    void aLogoutResponseWithoutALogoutUnderWayIsRefused() throws Exception {
        Browser browser = aliceAtRedirectSp();
        String response = SloSp.logoutResponse(newId(), now(), postSp.entityId, SLO_URL, "_x", SloSp.SUCCESS);
        HttpResponse<String> page = browser.post("/saml2/slo", form(RESPONSE, SloSp.signedPost(response,
                SingleLogoutTest.idOf(response), postSp.key), "RelayState", "made-up"));
        assertRefused(page, browser, "This LogoutResponse belongs to no logout under way (its RelayState names none, "
                + "or the logout has finished or expired).");
    }

    @Test
    void aCrossSitePostWithoutTheSessionCookieIsPostedAgainFromOurOwnPage() throws Exception {
        Browser cookieless = SingleLogoutTest.idp.browser();
        String id = newId();
        String signed = SloSp.signedPost(SloSp.logoutRequest(id, now(), postSp.entityId, SLO_URL, "x@example.com",
                SingleLogoutTest.EMAIL, null, null), id, postSp.key);

        HttpResponse<String> page = cookieless.post("/saml2/slo", form(REQUEST, signed, "RelayState", "rs"));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("action=\"/saml2/slo\"");
        assertThat(Browser.hidden(page.body(), REQUEST)).hasValue(signed);
        assertThat(Browser.hidden(page.body(), "RelayState")).hasValue("rs");
        assertThat(Browser.hidden(page.body(), "stsbridge-resubmitted")).hasValue("1");
    }
}
