package dev.stsbridge.idp.web.slo;

import static dev.stsbridge.idp.web.Browser.form;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.config.PostgresConfig;
import dev.stsbridge.idp.config.SecretRef;
import dev.stsbridge.idp.config.ServiceProviderConfig;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.state.Database;
import dev.stsbridge.idp.state.PostgresServer;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;
import dev.stsbridge.xml.SecureXml;

/**
 * Single logout across two IdP nodes on one real PostgreSQL (as behind a load balancer): LogoutRequest IDs are in the
 * shared replay cache, and an IdP-initiated logout chain started on one node continues on the other, because its
 * progress lives in the shared session store.
 */
class TwoNodeLogoutTest {

    private static final String SAML = SingleLogoutTest.SAML;
    private static final String REQUEST = SingleLogoutTest.REQUEST;
    private static final String RESPONSE = SingleLogoutTest.RESPONSE;

    @TempDir
    static Path dataDir;
    private static PostgresServer postgres;
    private static Database poolA;
    private static Database poolB;
    private static TestIdp nodeA;
    private static TestIdp nodeB;
    private static SloSp redirectSp;
    private static SloSp postSp;
    private static int ids;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        PostgresConfig config = new PostgresConfig(postgres.createDatabase("idp"), postgres.user(),
                SecretRef.fromEnv("DB_PASSWORD"), 4, false);
        poolA = Database.open(config, Map.of("DB_PASSWORD", postgres.password()));
        poolB = Database.open(config, Map.of("DB_PASSWORD", postgres.password()));
        redirectSp = new SloSp("slo-redirect.example.test", Clock.systemUTC());
        postSp = new SloSp("slo-post.example.test", Clock.systemUTC());
        List<ServiceProviderConfig> sps = List.of(
                new ServiceProviderConfig(TestIdp.write(dataDir, "redirect.xml", redirectSp.metadata(SloSp.REDIRECT)),
                        SpProfile.BASIC, NameIdFormat.PERSISTENT, false),
                new ServiceProviderConfig(TestIdp.write(dataDir, "post.xml", postSp.metadata(SloSp.POST)),
                        SpProfile.BASIC, NameIdFormat.EMAIL, false));
        nodeA = TestIdp.node(dataDir, sps, yaml -> yaml, poolA.dataSource(), Duration.ZERO);
        nodeB = TestIdp.node(dataDir, sps, yaml -> yaml, poolB.dataSource(), Duration.ofMinutes(2));
    }

    @AfterAll
    static void stop() {
        nodeA.close();
        nodeB.close();
        poolA.close();
        poolB.close();
        postgres.close();
    }

    private static String newId() {
        return "_two-node-slo" + (++ids);
    }

    private static Instant now() {
        return nodeA.idp.clock().instant();
    }

    /** SP-initiated sign-in of the browser's person to {@code sp} on the browser's node. */
    private static SingleLogoutTest.SignIn signIn(Browser browser, SloSp sp) {
        HttpResponse<String> page = browser.get("/saml2/sso?" + SloSp.redirectQuery(REQUEST,
                sp.authnRequest(newId(), now(), SingleLogoutTest.SSO_URL), null));
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Document response = SecureXml.parse(Base64.getDecoder().decode(Browser.hidden(page.body(), RESPONSE)
                .orElseThrow()));
        Element nameId = (Element) response.getElementsByTagNameNS(SAML, "NameID").item(0);
        Element statement = (Element) response.getElementsByTagNameNS(SAML, "AuthnStatement").item(0);
        return new SingleLogoutTest.SignIn(nameId.getTextContent(), nameId.getAttribute("Format"),
                statement.getAttribute("SessionIndex"));
    }

    @Test
    void aLogoutRequestAnsweredByNodeAIsRefusedAsAReplayByNodeB() throws Exception {
        Browser onA = nodeA.browser().signedIn("alice", "wonderland");
        SingleLogoutTest.SignIn signIn = signIn(onA, redirectSp);
        String id = newId();
        String query = SloSp.signedRedirectQuery(REQUEST, SloSp.logoutRequest(id, now(), redirectSp.entityId,
                SingleLogoutTest.SLO_URL, signIn.nameId(), signIn.format(), signIn.sessionIndex(), null), null,
                redirectSp.key);
        assertThat(nodeA.browser().get("/saml2/slo?" + query).statusCode())
                .as("first use on node A, from a browser without session").isEqualTo(303);

        Browser onB = onA.at(nodeB.server.baseUrl());
        HttpResponse<String> replay = onB.get("/saml2/slo?" + query);

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(400);
        assertThat(SingleLogoutTest.reason(replay))
                .isEqualTo("The LogoutRequest ID " + id + " was already used (a replayed request).");
        assertThat(onB.get("/portal").statusCode()).as("the session lives on").isEqualTo(200);
    }

    @Test
    void aSignOutStartedOnNodeAContinuesOnNodeBAndEndsOnNodeA() throws Exception {
        Browser onA = nodeA.browser().signedIn("alice", "wonderland");
        signIn(onA, redirectSp);
        signIn(onA, postSp);
        HttpResponse<String> first = onA.post("/logout", form("csrf", Browser.csrf(onA.get("/logout").body())));
        assertThat(first.statusCode()).isEqualTo(303);
        String location = first.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(redirectSp.slo + "?SAMLRequest=");
        Element toRedirectSp = SloSp.redirectMessage(location, REQUEST).getDocumentElement();
        String chain = SloSp.decode(SloSp.rawQuery(location).get("RelayState"));

        Browser onB = onA.at(nodeB.server.baseUrl());
        HttpResponse<String> second = onB.get("/saml2/slo?" + SloSp.signedRedirectQuery(RESPONSE,
                SloSp.logoutResponse(newId(), now(), redirectSp.entityId, SingleLogoutTest.SLO_URL,
                        toRedirectSp.getAttribute("ID"), SloSp.SUCCESS), chain, redirectSp.key));

        assertThat(second.statusCode()).as("node B knows where node A's chain stands: " + second.body())
                .isEqualTo(200);
        Element toPostSp = SingleLogoutTest.decodePost(second, REQUEST).getDocumentElement();
        assertThat(toPostSp.getAttribute("Destination")).isEqualTo(postSp.slo);
        String fromPostSp = SloSp.logoutResponse(newId(), now(), postSp.entityId, SingleLogoutTest.SLO_URL,
                toPostSp.getAttribute("ID"), SloSp.SUCCESS);
        HttpResponse<String> done = onA.post("/saml2/slo", form(RESPONSE, SloSp.signedPost(fromPostSp,
                SingleLogoutTest.idOf(fromPostSp), postSp.key), "RelayState", chain));

        assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
        assertThat(SingleLogoutTest.list(done.body(), "slo-confirmed"))
                .containsExactly(redirectSp.entityId, postSp.entityId);
        assertThat(onB.get("/portal").statusCode()).as("signed out on node B too").isEqualTo(303);
    }
}
