package dev.stsbridge.idp.web.sp;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.idp.config.NameIdFormat;
import dev.stsbridge.idp.config.ServiceProviderConfig;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;
import dev.stsbridge.idp.web.XmlSec1;
import dev.stsbridge.xml.SecureXml;

/** The ECP endpoint (/saml2/ecp) and the role catalogue API, with good and hostile requests. */
class EcpTest {

    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String ECP = "urn:oasis:names:tc:SAML:2.0:profiles:SSO:ecp";
    private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String AWS = "urn:amazon:webservices";
    private static final String SIGNIN = "https://signin.aws.amazon.com/saml";
    private static final String PAOS = "urn:oasis:names:tc:SAML:2.0:bindings:PAOS";

    @TempDir
    static Path dataDir;
    @TempDir
    Path work;
    private static TestIdp idp;
    private static TestSp open;
    private static int ids;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        open = new TestSp("https://sp.example.test/saml", "https://sp.example.test/acs", Clock.systemUTC());
        Path openMetadata = TestIdp.write(dataDir, "open-sp.xml", open.metadata(false));
        idp = TestIdp.start(dataDir, List.of(
                new ServiceProviderConfig(openMetadata, SpProfile.BASIC, NameIdFormat.EMAIL, false)));
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    private static String newId() {
        return "_ecp" + (++ids);
    }

    /** An AuthnRequest as an ECP client writes it for AWS (AWS itself never sends one). */
    private static String awsRequest(String id, Instant issued) {
        return "<samlp:AuthnRequest xmlns:samlp=\"" + SAMLP + "\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " ID=\"" + id + "\" Version=\"2.0\" IssueInstant=\"" + issued + "\""
                + " AssertionConsumerServiceURL=\"" + SIGNIN + "\" ProtocolBinding=\"" + PAOS + "\">"
                + "<saml:Issuer>" + AWS + "</saml:Issuer></samlp:AuthnRequest>";
    }

    private static String envelope(String body) {
        return "<S:Envelope xmlns:S=\"" + SOAP + "\"><S:Body>" + body + "</S:Body></S:Envelope>";
    }

    private HttpResponse<String> post(String query, String body, String user, String password) throws Exception {
        return post(query, body, user, password, "text/xml; charset=utf-8");
    }

    private HttpResponse<String> post(String query, String body, String user, String password, String type)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(idp.server.baseUrl() + "/saml2/ecp" + query))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Element only(Document document, String ns, String name) {
        var nodes = document.getElementsByTagNameNS(ns, name);
        assertThat(nodes.getLength()).as(name).isEqualTo(1);
        return (Element) nodes.item(0);
    }

    private static String faultString(HttpResponse<String> response) {
        Document fault = SecureXml.parse(response.body().getBytes(StandardCharsets.UTF_8));
        assertThat(fault.getElementsByTagNameNS(SOAP, "Fault").getLength()).isEqualTo(1);
        return fault.getElementsByTagName("faultstring").item(0).getTextContent();
    }

    private void assertFault(HttpResponse<String> response, int status, String faultCode, String reason) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                .startsWith("text/xml"));
        assertThat(response.body()).doesNotContain("urn:oasis:names:tc:SAML:2.0:assertion").contains("<faultcode>" + faultCode + "</faultcode>");
        assertThat(faultString(response)).contains(reason);
    }

    @Test
    void awsRequestWithBasicAuthGetsTheSignedResponseInASoapEnvelopeNamingTheSignInUrl() throws Exception {
        String id = newId();
        HttpResponse<String> answer = post("", envelope(awsRequest(id, idp.clock.instant())), "alice", "wonderland");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        Document soap = SecureXml.parse(answer.body().getBytes(StandardCharsets.UTF_8));
        Element header = only(soap, ECP, "Response");
        assertThat(header.getParentNode().getLocalName()).isEqualTo("Header");
        assertThat(header.getAttribute("AssertionConsumerServiceURL")).isEqualTo(SIGNIN);
        assertThat(header.getAttributeNS(SOAP, "mustUnderstand")).isEqualTo("1");
        assertThat(header.getAttributeNS(SOAP, "actor")).isEqualTo("http://schemas.xmlsoap.org/soap/actor/next");
        Element response = only(soap, SAMLP, "Response");
        assertThat(response.getParentNode().getLocalName()).isEqualTo("Body");
        assertThat(response.getAttribute("InResponseTo")).isEqualTo(id);
        assertThat(response.getAttribute("Destination")).isEqualTo(SIGNIN);
        assertThat(answer.body()).contains("arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge")
                .contains("arn:aws:iam::444455556666:role/Developer");
        // the signature survives being carried in the envelope
        String metadata = idp.browser().get("/saml2/metadata").body();
        assertThat(XmlSec1.verify(work, answer.body().getBytes(StandardCharsets.UTF_8),
                XmlSec1.certificatePem(metadata))).contains("OK");
        assertThat(idp.auditLines("\"event\":\"login\"", "\"outcome\":\"ok\"", "\"via\":\"basic\"")).isNotEmpty();
        assertThat(idp.auditLines("\"event\":\"assertion\"", "\"in_response_to\":\"" + id + "\"",
                "\"purpose\":\"ecp\"")).hasSize(1);
    }

    @Test
    void accountAndRoleNarrowTheAssertionToThatRole() throws Exception {
        HttpResponse<String> answer = post("?account=prod&role=Admin", envelope(awsRequest(newId(),
                idp.clock.instant())), "alice", "wonderland");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("arn:aws:iam::111122223333:role/Admin")
                .doesNotContain("arn:aws:iam::444455556666:role/Developer");
    }

    @Test
    void paosMediaTypeIsAcceptedToo() throws Exception {
        HttpResponse<String> answer = post("", envelope(awsRequest(newId(), idp.clock.instant())), "bob", "builder",
                "application/vnd.paos+xml");
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).contains("arn:aws:iam::444455556666:role/ReadOnly");
    }

    @Test
    void genericSpGetsItsOwnProfileAndAcs() throws Exception {
        String request = open.request(newId(), idp.clock.instant(), open.entityId, open.acs, null)
                .replace(" Destination=\"null\"", "");
        HttpResponse<String> answer = post("", envelope(request), "alice", "wonderland");
        assertThat(answer.statusCode()).isEqualTo(200);
        Document soap = SecureXml.parse(answer.body().getBytes(StandardCharsets.UTF_8));
        assertThat(only(soap, ECP, "Response").getAttribute("AssertionConsumerServiceURL")).isEqualTo(open.acs);
        assertThat(answer.body()).contains("alice@example.com").doesNotContain("https://aws.amazon.com/SAML/Attributes/Role");
    }

    @Test
    void wrongPasswordIsA401WithABasicChallengeAndNeverAnAssertion() throws Exception {
        HttpResponse<String> answer = post("", envelope(awsRequest(newId(), idp.clock.instant())), "alice", "wrong");
        assertFault(answer, 401, "S:Client", "Invalid username or password.");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"stsbridge\", charset=\"UTF-8\"");
        assertThat(idp.auditLines("\"outcome\":\"failed\"", "\"user\":\"alice\"", "\"via\":\"basic\"")).isNotEmpty();
    }

    @Test
    void noCredentialsIsA401Challenge() throws Exception {
        HttpResponse<String> answer = post("", envelope(awsRequest(newId(), idp.clock.instant())), null, null);
        assertFault(answer, 401, "S:Client", "Authenticate with HTTP Basic");
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Basic realm=\"stsbridge\""));
    }

    @Test
    void guessingOverEcpIsThrottledAndCountsAgainstTheWebLoginToo() throws Exception {
        String body = envelope(awsRequest(newId(), idp.clock.instant()));
        for (int i = 0; i < 3; i++) {
            assertThat(post("", body, "dave", "guess" + i).statusCode()).isEqualTo(401);
        }
        assertThat(post("", body, "dave", "guess3").statusCode()).isEqualTo(401); // the 4th failure starts a delay
        HttpResponse<String> blocked = post("", body, "dave", "guess4");
        assertFault(blocked, 429, "S:Client", "Too many attempts");
        assertThat(blocked.headers().firstValue("Retry-After")).isPresent();
        HttpResponse<String> web = idp.browser().login("dave", "guess5");
        assertThat(web.statusCode()).isEqualTo(429);
        idp.clock.advance(Duration.ofMinutes(20));
    }

    @Test
    void replayedRequestIsRefused() throws Exception {
        String body = envelope(awsRequest("_ecpReplay", idp.clock.instant()));
        assertThat(post("", body, "alice", "wonderland").statusCode()).isEqualTo(200);
        assertFault(post("", body, "alice", "wonderland"), 400, "S:Client",
                "The AuthnRequest ID _ecpReplay was already used (a replayed request).");
    }

    @Test
    void unknownIssuerIsRefused() throws Exception {
        String request = awsRequest(newId(), idp.clock.instant()).replace(AWS, "urn:example:stranger");
        assertFault(post("", envelope(request), "alice", "wonderland"), 400, "S:Client",
                "Unknown service provider \"urn:example:stranger\"");
    }

    @Test
    void staleRequestIsRefused() throws Exception {
        String request = awsRequest(newId(), idp.clock.instant().minus(Duration.ofMinutes(6)));
        assertFault(post("", envelope(request), "alice", "wonderland"), 400, "S:Client", "more than 5 minutes from now");
    }

    @Test
    void acsThatIsNotTheSpsIsRefused() throws Exception {
        String request = awsRequest(newId(), idp.clock.instant()).replace(SIGNIN, "https://attacker.example/saml");
        assertFault(post("", envelope(request), "alice", "wonderland"), 400, "S:Client",
                "The AssertionConsumerServiceURL \"https://attacker.example/saml\" is not registered");
    }

    @Test
    void destinationOtherThanTheEcpUrlIsRefused() throws Exception {
        String request = awsRequest(newId(), idp.clock.instant()).replace(" Version=", " Destination=\""
                + idp.server.baseUrl() + "/saml2/sso\" Version=");
        assertFault(post("", envelope(request), "alice", "wonderland"), 400, "S:Client",
                "is not this IdP's endpoint http://127.0.0.1:8080/saml2/ecp");
    }

    @Test
    void bareAuthnRequestWithoutEnvelopeIsRefused() throws Exception {
        assertFault(post("", awsRequest(newId(), idp.clock.instant()), "alice", "wonderland"), 400, "S:Client",
                "The request is not a SOAP 1.1 envelope");
    }

    @Test
    void twoElementsInTheBodyAreRefused() throws Exception {
        String body = envelope(awsRequest(newId(), idp.clock.instant()) + awsRequest(newId(), idp.clock.instant()));
        assertFault(post("", body, "alice", "wonderland"), 400, "S:Client",
                "The SOAP Body must hold exactly one element (it holds 2).");
    }

    @Test
    void doctypeIsRefusedBeforeAnythingIsRead() throws Exception {
        String body = "<!DOCTYPE S:Envelope [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + envelope(awsRequest(newId(), idp.clock.instant()).replace(AWS, "&x;"));
        HttpResponse<String> answer = post("", body, "alice", "wonderland");
        assertFault(answer, 400, "S:Client", "The SAMLRequest is not acceptable XML");
        assertThat(answer.body()).doesNotContain("root:");
    }

    @Test
    void otherMediaTypeIsRefused() throws Exception {
        assertFault(post("", envelope(awsRequest(newId(), idp.clock.instant())), "alice", "wonderland",
                "application/x-www-form-urlencoded"), 415, "S:Client", "Send the SOAP envelope as text/xml");
    }

    @Test
    void personWithoutRolesIsRefusedWithoutAnAssertion() throws Exception {
        HttpResponse<String> answer = post("", envelope(awsRequest(newId(), idp.clock.instant())), "carol", "chocolate");
        assertFault(answer, 403, "S:Client", "Sign-in refused:");
        assertThat(idp.auditLines("\"event\":\"refused\"", "\"user\":\"carol\"")).isNotEmpty();
    }

    @Test
    void roleThePersonDoesNotHaveIsRefused() throws Exception {
        assertFault(post("?account=prod&role=Admin", envelope(awsRequest(newId(), idp.clock.instant())), "bob",
                "builder"), 403, "S:Client", "You may not use this role");
    }

    @Test
    void getIsNotAllowed() {
        assertThat(idp.browser().get("/saml2/ecp").statusCode()).isEqualTo(405);
    }

    private JsonNode catalogue(HttpResponse<String> response) throws Exception {
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return new ObjectMapper().readTree(response.body());
    }

    private HttpResponse<String> roles(String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(idp.server.baseUrl() + "/api/v1/roles"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void roleCatalogueListsAccountsWithNamesRolesAndProvidersForBasicAuth() throws Exception {
        HttpResponse<String> answer = roles(basic("alice", "wonderland"));
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        JsonNode json = catalogue(answer);
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("user").asText()).isEqualTo("alice");
        assertThat(json.get("signinUrl").asText()).isEqualTo(SIGNIN);
        assertThat(json.get("ecpUrl").asText()).isEqualTo("http://127.0.0.1:8080/saml2/ecp");
        JsonNode prod = json.get("accounts").get(0);
        assertThat(prod.get("id").asText()).isEqualTo("111122223333");
        assertThat(prod.get("name").asText()).isEqualTo("prod");
        JsonNode admin = prod.get("roles").get(0);
        assertThat(admin.get("name").asText()).isEqualTo("Admin");
        assertThat(admin.get("roleArn").asText()).isEqualTo("arn:aws:iam::111122223333:role/Admin");
        assertThat(admin.get("principalArn").asText()).isEqualTo("arn:aws:iam::111122223333:saml-provider/stsbridge");
        assertThat(admin.get("sessionDurationSeconds").asInt()).isEqualTo(3600);
        assertThat(json.get("accounts").get(1).get("name").asText()).isEqualTo("dev");
    }

    @Test
    void roleCatalogueAnswersTheBrowserSessionToo() throws Exception {
        Browser browser = idp.browser().signedIn("bob", "builder");
        JsonNode json = new ObjectMapper().readTree(browser.get("/api/v1/roles").body());
        assertThat(json.get("user").asText()).isEqualTo("bob");
        assertThat(json.get("accounts").get(0).get("roles").get(0).get("name").asText()).isEqualTo("ReadOnly");
    }

    @Test
    void roleCatalogueOfSomeoneWithoutRolesIsEmpty() throws Exception {
        JsonNode json = catalogue(roles(basic("carol", "chocolate")));
        assertThat(json.get("accounts").size()).isZero();
    }

    @Test
    void roleCatalogueRefusesAWrongPasswordAndNoCredentials() throws Exception {
        HttpResponse<String> wrong = roles(basic("alice", "nope"));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).isPresent();
        JsonNode error = catalogue(wrong).get("error");
        assertThat(error.get("code").asText()).isEqualTo("Unauthorized");
        assertThat(error.get("message").asText()).isEqualTo("Invalid username or password.");
        assertThat(wrong.body()).doesNotContain("111122223333");
        HttpResponse<String> none = roles(null);
        assertThat(none.statusCode()).isEqualTo(401);
        HttpResponse<String> notBasic = roles("Bearer abc");
        assertThat(notBasic.statusCode()).isEqualTo(401);
    }
}
