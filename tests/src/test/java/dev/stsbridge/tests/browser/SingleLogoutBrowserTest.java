package dev.stsbridge.tests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.Deflater;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.stsbridge.idp.web.IdpServer;
import dev.stsbridge.idp.web.ServerSettings;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;
import dev.stsbridge.tests.support.Chromium;
import dev.stsbridge.tests.support.TestIdp;
import dev.stsbridge.xml.SecureXml;

/**
 * The sign-out button's single logout in headless Chromium, with a small SP on another loopback port (its SLO with
 * the HTTP-POST binding): Chromium signs in to the SP through SP-initiated SSO, then signs out at the IdP; the IdP's
 * auto-submitting page (its CSP: the hashed script, forms to the SP's origin) posts the signed LogoutRequest to the
 * SP, which verifies it with the IdP's certificate and posts its signed LogoutResponse back, and the IdP's last page
 * lists the SP as confirmed.
 */
class SingleLogoutBrowserTest {

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    @TempDir
    static Path work;

    private static TestIdp idp;
    private static IdpServer server;
    private static HttpServer sp;
    private static Chromium chromium;
    private static String idpBase;
    private static String spBase;
    private static SigningKey spKey;
    private static final List<String> verifiedLogoutRequests = new CopyOnWriteArrayList<>();
    private static final Map<String, String> signIns = new java.util.concurrent.ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws IOException {
        sp = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        spBase = "http://127.0.0.1:" + sp.getAddress().getPort();
        spKey = new SigningKeyGenerator(Clock.systemUTC()).generate(KeyAlgorithm.RSA_2048, spBase + "/sp",
                Duration.ofDays(2));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = socket.getLocalPort();
        }
        idpBase = "http://127.0.0.1:" + port;
        Path metadata = Files.writeString(work.resolve("sp.xml"), spMetadata());
        String yaml = TestIdp.demoYaml().replace("http://127.0.0.1:8080", idpBase) + "\nservice-providers:\n"
                + "  - metadata: " + metadata + "\n    profile: basic\n    name-id: email\n";
        idp = TestIdp.fromYaml(yaml, work.resolve("data"), Clock.systemUTC());
        server = IdpServer.start(idp.app(), ServerSettings.loopback(port));
        sp.createContext("/start", SingleLogoutBrowserTest::startSignIn);
        sp.createContext("/acs", SingleLogoutBrowserTest::acs);
        sp.createContext("/slo", SingleLogoutBrowserTest::slo);
        sp.start();
        chromium = Chromium.start(work);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (sp != null) {
            sp.stop(0);
        }
        if (server != null) {
            server.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void theSignOutButtonLogsTheSpOutThroughTheBrowserAndListsItAsConfirmed() {
        ChromeDriver browser = chromium.driver();
        WebDriverWait waiting = new WebDriverWait(browser, Duration.ofSeconds(30));
        browser.get(spBase + "/start");
        waiting.until(d -> d.getCurrentUrl().startsWith(idpBase + "/login"));
        browser.findElement(By.name("username")).sendKeys("alice");
        browser.findElement(By.name("password")).sendKeys("wonderland");
        browser.findElement(By.id("login-submit")).click();
        waiting.until(d -> !d.findElements(By.id("sp-signed-in")).isEmpty());
        assertThat(browser.findElement(By.id("sp-signed-in")).getText()).isEqualTo("alice@example.com");

        browser.get(idpBase + "/logout");
        browser.findElement(By.id("logout-confirm")).click();
        waiting.until(d -> !d.findElements(By.id("signed-out")).isEmpty());

        assertThat(browser.getCurrentUrl()).isEqualTo(idpBase + "/saml2/slo");
        assertThat(browser.findElements(By.cssSelector("#slo-confirmed li"))).singleElement()
                .satisfies(li -> assertThat(li.getText()).isEqualTo(spBase + "/sp"));
        assertThat(browser.findElements(By.id("slo-unconfirmed"))).isEmpty();
        assertThat(verifiedLogoutRequests).containsExactly("alice@example.com " + signIns.get("alice@example.com"));
        browser.get(idpBase + "/portal");
        waiting.until(d -> d.getCurrentUrl().startsWith(idpBase + "/login"));
    }

    private static String spMetadata() {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + spBase + "/sp\">"
                + "<md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\""
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"" + DS + "\"><ds:X509Data>"
                + "<ds:X509Certificate>" + base64(encoded(spKey.certificate())) + "</ds:X509Certificate>"
                + "</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + spBase + "/slo\"/>"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + spBase + "/acs\" index=\"0\"/></md:SPSSODescriptor></md:EntityDescriptor>";
    }

    /** The SP sends the browser to the IdP with an (unsigned) AuthnRequest, HTTP-Redirect binding. */
    private static void startSignIn(HttpExchange exchange) throws IOException {
        String request = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_sp-authn-1\" Version=\"2.0\" "
                + "IssueInstant=\"" + Instant.now() + "\" Destination=\"" + idpBase + "/saml2/sso\">"
                + "<saml:Issuer>" + spBase + "/sp</saml:Issuer></samlp:AuthnRequest>";
        exchange.getResponseHeaders().add("Location", idpBase + "/saml2/sso?SAMLRequest="
                + URLEncoder.encode(base64(deflate(request.getBytes(StandardCharsets.UTF_8))), StandardCharsets.UTF_8));
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** The SP takes the IdP's response (signature checked with the IdP's certificate) and remembers the session. */
    private static void acs(HttpExchange exchange) throws IOException {
        Document response = verified(form(exchange).get("SAMLResponse"), "Assertion");
        String nameId = text(response, "NameID");
        String sessionIndex = ((Element) response.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion",
                "AuthnStatement").item(0)).getAttribute("SessionIndex");
        signIns.put(nameId, sessionIndex);
        html(exchange, "<p id=\"sp-signed-in\">" + nameId + "</p>");
    }

    /** The SP's SLO: checks the IdP's signed LogoutRequest, then posts its own signed LogoutResponse back. */
    private static void slo(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(exchange);
        Document request = verified(form.get("SAMLRequest"), "LogoutRequest");
        String nameId = text(request, "NameID");
        String sessionIndex = text(request, "SessionIndex");
        verifiedLogoutRequests.add(nameId + " " + sessionIndex);
        String responseId = "_sp-logout-response-1";
        String response = "<samlp:LogoutResponse xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + responseId + "\" Version=\"2.0\" "
                + "IssueInstant=\"" + Instant.now() + "\" Destination=\"" + idpBase + "/saml2/slo\" InResponseTo=\""
                + request.getDocumentElement().getAttribute("ID") + "\"><saml:Issuer>" + spBase + "/sp</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/>"
                + "</samlp:Status></samlp:LogoutResponse>";
        html(exchange, "<form id=\"back\" method=\"post\" action=\"" + idpBase + "/saml2/slo\">"
                + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"" + base64(signed(response, responseId))
                + "\"><input type=\"hidden\" name=\"RelayState\" value=\"" + form.get("RelayState") + "\"></form>"
                + "<script>document.getElementById('back').submit();</script>");
    }

    /** The message, after its enveloped signature (of the element {@code signed}) checks out with the IdP's key. */
    private static Document verified(String base64, String signed) {
        Document document = SecureXml.parse(Base64.getDecoder().decode(base64));
        Element element = (Element) document.getElementsByTagNameNS("*", signed).item(0);
        element.setIdAttributeNS(null, "ID", true);
        try {
            Element signature = (Element) element.getElementsByTagNameNS(DS, "Signature").item(0);
            X509Certificate certificate = idp.certificate();
            if (signature == null || signature.getParentNode() != element
                    || !new XMLSignature(signature, "").checkSignatureValue(certificate)) {
                throw new IllegalStateException("the " + signed + " is not signed by the IdP");
            }
        } catch (org.apache.xml.security.exceptions.XMLSecurityException e) {
            throw new IllegalStateException(e);
        }
        return document;
    }

    private static byte[] signed(String xml, String id) {
        try {
            Document document = SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8));
            Element root = document.getDocumentElement();
            root.setIdAttributeNS(null, "ID", true);
            XMLSignature signature = new XMLSignature(document, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                    Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
            root.insertBefore(signature.getElement(), root.getFirstChild().getNextSibling());
            Transforms transforms = new Transforms(document);
            transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
            transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
            signature.addDocument("#" + id, transforms, "http://www.w3.org/2001/04/xmlenc#sha256");
            signature.sign(spKey.privateKey());
            return SecureXml.toBytes(document);
        } catch (org.apache.xml.security.exceptions.XMLSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(HttpExchange exchange) throws IOException {
        Map<String, String> form = new HashMap<>();
        for (String pair : new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0) {
                form.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
            }
        }
        return form;
    }

    private static void html(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = ("<!doctype html><html><body>" + body + "</body></html>").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String text(Document document, String localName) {
        return document.getElementsByTagNameNS("*", localName).item(0).getTextContent();
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    private static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
