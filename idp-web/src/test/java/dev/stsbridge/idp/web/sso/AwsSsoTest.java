package dev.stsbridge.idp.web.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
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
import org.w3c.dom.NodeList;

import dev.stsbridge.idp.web.Browser;
import dev.stsbridge.idp.web.TestIdp;
import dev.stsbridge.idp.web.XmlSec1;
import dev.stsbridge.xml.SecureXml;

/** The portal per demo user, IdP-initiated sign-in to AWS, RelayState, pre-flight refusals, the explain page. */
class AwsSsoTest {

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    private static final String AWS = "https://aws.amazon.com/SAML/Attributes/";

    @TempDir
    static Path dataDir;
    @TempDir
    Path work;
    private static TestIdp idp;

    @BeforeAll
    static void start() {
        idp = TestIdp.start(dataDir);
    }

    @AfterAll
    static void stop() {
        idp.close();
    }

    @Test
    void portalOfAliceShowsBothAccountsWithTheirRolesAndAllRoles() {
        String portal = idp.browser().signedIn("alice", "wonderland").get("/portal").body();
        assertThat(portal).contains("<section class=\"account card\" data-account-id=\"111122223333\" "
                + "data-account-name=\"prod\">")
                .contains("data-account-id=\"444455556666\" data-account-name=\"dev\"")
                .contains("<a class=\"role-link\" data-account=\"111122223333\" data-account-name=\"prod\" "
                        + "data-role=\"Admin\" href=\"/sso/aws?account&#61;111122223333&amp;role&#61;Admin\">Admin</a>")
                .contains("data-account=\"444455556666\" data-account-name=\"dev\" data-role=\"Developer\"")
                .contains("<a id=\"all-roles\" class=\"button\" href=\"/sso/aws\">All roles</a>")
                .contains("id=\"logout-form\"").doesNotContain("no AWS roles");
    }

    @Test
    void portalOfBobShowsHisOneRoleAndOfCarolSaysSheHasNoAwsRoles() {
        String bob = idp.browser().signedIn("bob", "builder").get("/portal").body();
        assertThat(count(bob, "class=\"role-link\"")).isEqualTo(1);
        assertThat(bob).contains("data-account=\"444455556666\" data-account-name=\"dev\" data-role=\"ReadOnly\"");

        String carol = idp.browser().signedIn("carol", "chocolate").get("/portal").body();
        assertThat(carol).contains("<p id=\"no-roles\" class=\"notice\">You have no AWS roles.")
                .doesNotContain("role-link").doesNotContain("id=\"all-roles\"");
    }

    @Test
    void ssoAwsPostsASignedResponseThatXmlsec1VerifiesAgainstTheDownloadedMetadata() throws Exception {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        HttpResponse<String> page = browser.get("/sso/aws?account=prod&role=Admin");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("<form id=\"saml-post\" class=\"card\" method=\"post\" "
                + "action=\"http://127.0.0.1:8090/saml\">")
                .contains("<button id=\"continue\" type=\"submit\">Continue to AWS</button>")
                .doesNotContain("name=\"RelayState\"");
        byte[] xml = Base64.getDecoder().decode(Browser.hidden(page.body(), "SAMLResponse").orElseThrow());
        String metadata = browser.get("/saml2/metadata").body();
        assertThat(XmlSec1.verify(work, xml, XmlSec1.certificatePem(metadata))).contains("OK");

        Document response = SecureXml.parse(xml);
        assertThat(attribute(response, "Role")).containsExactly(
                "arn:aws:iam::111122223333:role/Admin,arn:aws:iam::111122223333:saml-provider/stsbridge");
        assertThat(attribute(response, "RoleSessionName")).containsExactly("alice@example.com");
        assertThat(attribute(response, "SourceIdentity")).containsExactly("alice");
        assertThat(attribute(response, "PrincipalTag:department")).containsExactly("engineering");
        assertThat(attribute(response, "PrincipalTag:team")).containsExactly("platform");
        assertThat(response.getDocumentElement().getAttribute("Destination"))
                .isEqualTo("https://signin.aws.amazon.com/saml");
        assertThat(response.getDocumentElement().hasAttribute("InResponseTo")).isFalse();
        assertThat(idp.auditLines("\"event\":\"assertion\"", "\"user\":\"alice\"",
                "\"roles\":[\"arn:aws:iam::111122223333:role/Admin\"]", "\"tag_keys\":[\"department\",\"team\"]"))
                .isNotEmpty();
    }

    @Test
    void allRolesCarriesEveryRolePair() {
        String page = idp.browser().signedIn("alice", "wonderland").get("/sso/aws").body();
        Document response = SecureXml.parse(Base64.getDecoder().decode(Browser.hidden(page, "SAMLResponse")
                .orElseThrow()));
        assertThat(attribute(response, "Role")).hasSize(2);
    }

    @Test
    void thePostPageAllowsExactlyItsOwnInlineScriptByHash() throws Exception {
        HttpResponse<String> page = idp.browser().signedIn("alice", "wonderland").get("/sso/aws");
        Matcher script = Pattern.compile("<script>([^<]*)</script>").matcher(page.body());
        assertThat(script.find()).isTrue();
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(script.group(1).getBytes(StandardCharsets.UTF_8)));
        assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
                .contains("script-src 'sha256-" + hash + "'")
                .contains("form-action 'self' http://127.0.0.1:8090 https://*.amazonaws-us-gov.com")
                .contains("default-src 'none'").contains("frame-ancestors 'none'");
        assertThat(script.find()).as("only one script").isFalse();
    }

    @Test
    void relayStateIsPassedOnWhenItIsAnAwsConsoleUrl() {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        for (String console : List.of("https://console.aws.amazon.com/s3/", "https://eu-west-1.console.aws.amazon.com/"
                + "ec2/home?region=eu-west-1#Instances:", "https://console.amazonaws.cn/iam/",
                "https://console.amazonaws-us-gov.com/")) {
            HttpResponse<String> page = browser.get("/sso/aws?account=prod&role=Admin&RelayState="
                    + java.net.URLEncoder.encode(console, StandardCharsets.UTF_8));
            assertThat(page.statusCode()).as(console).isEqualTo(200);
            assertThat(Browser.hidden(page.body(), "RelayState")).as(console).hasValue(console);
        }
    }

    @Test
    void relayStateOtherThanAnAwsConsoleUrlIsRefusedWithAClearMessage() {
        Browser browser = idp.browser().signedIn("alice", "wonderland");
        for (String evil : List.of("https://evil.example.com/", "http://console.aws.amazon.com/",
                "https://console.aws.amazon.com@evil.example.com/", "https://console.aws.amazon.com.evil.example.com/",
                "https://console.aws.amazon.com:8443/", "javascript:alert(1)", "//console.aws.amazon.com/")) {
            HttpResponse<String> page = browser.get("/sso/aws?RelayState="
                    + java.net.URLEncoder.encode(evil, StandardCharsets.UTF_8));
            assertThat(page.statusCode()).as(evil).isEqualTo(400);
            assertThat(page.body()).as(evil).contains("RelayState must be an AWS console URL")
                    .doesNotContain("SAMLResponse");
        }
    }

    @Test
    void ssoAwsWithoutALoginGoesToTheLoginPageAndBack() {
        HttpResponse<String> response = idp.browser().get("/sso/aws?account=prod&role=Admin");
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location"))
                .hasValue("/login?next=%2Fsso%2Faws%3Faccount%3Dprod%26role%3DAdmin");
    }

    @Test
    void aRoleThePersonDoesNotHaveIsRefused() {
        HttpResponse<String> page = idp.browser().signedIn("bob", "builder").get("/sso/aws?account=prod&role=Admin");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("You may not use this role: bob may not use "
                + "arn:aws:iam::111122223333:role/Admin.").doesNotContain("SAMLResponse");
    }

    @Test
    void preflightRefusalIsShownAndAuditedAndNothingIsPosted() {
        HttpResponse<String> page = idp.browser().signedIn("carol", "chocolate").get("/sso/aws");
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("AWS would refuse this sign-in, so nothing was sent.")
                .contains("<li class=\"violation\">carol: at least one Role is required").doesNotContain("SAMLResponse");
        assertThat(idp.auditLines("\"event\":\"refused\"", "\"user\":\"carol\"", "ROLE_REQUIRED")).isNotEmpty();
    }

    @Test
    void explainShowsClaimsTagsVerdictAndTheEscapedAssertion() {
        HttpResponse<String> page = idp.browser().signedIn("alice", "wonderland").get("/explain?account=dev&role=Developer");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.body()).contains("<p id=\"verdict\" class=\"ok\">")
                .contains("<dd id=\"role-session-name\">alice@example.com</dd>")
                .contains("<dd id=\"source-identity\">alice</dd>")
                .contains("<dd id=\"session-duration\">3600 seconds</dd>")
                .contains("<dd id=\"transitive-tag-keys\">department</dd>")
                .contains("<td class=\"tag-key\">team</td><td class=\"tag-value\">platform</td>")
                .contains("arn:aws:iam::444455556666:role/Developer")
                .contains("<pre id=\"assertion\">&lt;saml2p:Response")
                .doesNotContain("<saml2p:Response");
        assertThat(idp.auditLines("\"purpose\":\"explain\"", "\"user\":\"alice\"")).isNotEmpty();
    }

    private static List<String> attribute(Document response, String name) {
        List<String> values = new ArrayList<>();
        NodeList attributes = response.getElementsByTagNameNS(SAML, "Attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            if (attribute.getAttribute("Name").equals(AWS + name)) {
                NodeList items = attribute.getElementsByTagNameNS(SAML, "AttributeValue");
                for (int j = 0; j < items.getLength(); j++) {
                    values.add(items.item(j).getTextContent());
                }
            }
        }
        return values;
    }

    private static int count(String text, String fragment) {
        return text.split(Pattern.quote(fragment), -1).length - 1;
    }
}
