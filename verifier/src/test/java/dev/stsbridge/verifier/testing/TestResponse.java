package dev.stsbridge.verifier.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.xml.HardenedParser;

/**
 * Builds a SAML response as an IdP would send it to AWS, from a string template, then signs (and optionally
 * encrypts) it with Santuario ({@link TestSigner}). Defaults: alice, one role pair in account 111122223333, issued
 * at {@link #NOW}, assertion signed with RSA-SHA256 by {@link TestKeys#idp()}. Hostile variants start from
 * {@link #signedDocument()} and change the DOM (see {@code HostileResponses}).
 */
public final class TestResponse {
    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    public static final String ACCOUNT = "111122223333";
    public static final String PROVIDER_ARN = "arn:aws:iam::111122223333:saml-provider/stsbridge";
    public static final String ROLE_ARN = "arn:aws:iam::111122223333:role/SamlAdmin";
    /** The role a hostile fixture tries to get (it exists and trusts the provider, but alice has no pair for it). */
    public static final String EVIL_ROLE_ARN = "arn:aws:iam::111122223333:role/EvilAdmin";
    public static final String ISSUER = "https://idp.example.com/saml";
    public static final String SIGNIN = "https://signin.aws.amazon.com/saml";
    public static final String ATTR = "https://aws.amazon.com/SAML/Attributes/";
    public static final String EMAIL_FORMAT = "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress";

    /** Which elements carry a signature. */
    public enum Signed { ASSERTION, RESPONSE, BOTH, NONE }

    String responseId = "_resp-5f2d1c";
    String assertionId = "_assert-8e41b7";
    String issuer = ISSUER;
    Optional<String> nameId = Optional.of("alice@example.com");
    String nameIdFormat = EMAIL_FORMAT;
    Instant issueInstant = NOW;
    Instant notBefore = NOW.minusSeconds(60);
    Instant notOnOrAfter = NOW.plus(Duration.ofMinutes(5));
    Instant confirmationNotOnOrAfter = NOW.plus(Duration.ofMinutes(5));
    List<String> audiences = new ArrayList<>(List.of(SIGNIN));
    String recipient = SIGNIN;
    Optional<Instant> sessionNotOnOrAfter = Optional.empty();
    String statusCode = SamlNames.STATUS_SUCCESS;
    final Map<String, List<String>> attributes = new LinkedHashMap<>();
    Signed signed = Signed.ASSERTION;
    TestKeys signingKey = TestKeys.idp();
    String signatureAlgorithm = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    String digestAlgorithm = "http://www.w3.org/2001/04/xmlenc#sha256";
    Optional<TestEncryption> encryption = Optional.empty();
    java.util.function.Consumer<Element> beforeSigning = assertion -> { };

    private TestResponse() {
        attribute(ATTR + "Role", ROLE_ARN + "," + PROVIDER_ARN);
        attribute(ATTR + "RoleSessionName", "alice@example.com");
    }

    /** Alice's response with the defaults of the class comment. */
    public static TestResponse alice() {
        return new TestResponse();
    }

    public TestResponse issuer(String value) { issuer = value; return this; }
    public TestResponse nameId(String value) { nameId = Optional.of(value); return this; }
    public TestResponse withoutNameId() { nameId = Optional.empty(); return this; }
    public TestResponse nameIdFormat(String value) { nameIdFormat = value; return this; }
    public TestResponse issueInstant(Instant value) { issueInstant = value; return this; }
    public TestResponse notBefore(Instant value) { notBefore = value; return this; }
    public TestResponse notOnOrAfter(Instant value) { notOnOrAfter = value; return this; }
    public TestResponse confirmationNotOnOrAfter(Instant value) { confirmationNotOnOrAfter = value; return this; }
    public TestResponse audiences(String... values) { audiences = new ArrayList<>(List.of(values)); return this; }
    public TestResponse recipient(String value) { recipient = value; return this; }
    public TestResponse sessionNotOnOrAfter(Instant value) { sessionNotOnOrAfter = Optional.of(value); return this; }
    public TestResponse statusCode(String value) { statusCode = value; return this; }
    public TestResponse signed(Signed value) { signed = value; return this; }
    public TestResponse signingKey(TestKeys value) { signingKey = value; return this; }
    public TestResponse signatureAlgorithm(String value) { signatureAlgorithm = value; return this; }
    public TestResponse digestAlgorithm(String value) { digestAlgorithm = value; return this; }
    public TestResponse assertionId(String value) { assertionId = value; return this; }
    public TestResponse responseId(String value) { responseId = value; return this; }

    /** Changes the unsigned Assertion element before it is signed (shapes the template cannot express). */
    public TestResponse beforeSigning(java.util.function.Consumer<Element> change) { beforeSigning = change; return this; }

    /** Encrypts the (signed) assertion as an IdP does for a provider with a private key. */
    public TestResponse encryptTo(TestEncryption value) { encryption = Optional.of(value); return this; }

    /** Adds one more value of an attribute (the name as is, e.g. {@code ATTR + "PrincipalTag:team"}). */
    public TestResponse attribute(String name, String value) {
        attributes.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        return this;
    }

    /** Replaces all values of an attribute. */
    public TestResponse replaceAttribute(String name, String... values) {
        attributes.put(name, new ArrayList<>(List.of(values)));
        return this;
    }

    public TestResponse removeAttribute(String name) { attributes.remove(name); return this; }

    /** A role pair value {@code role,provider}. */
    public TestResponse role(String roleArn, String providerArn) { return attribute(ATTR + "Role", roleArn + "," + providerArn); }

    /** A session tag. */
    public TestResponse tag(String key, String value) { return attribute(ATTR + "PrincipalTag:" + key, value); }

    /** The response before signing, as XML text. */
    public String unsignedXml() {
        return TestTemplate.render(this);
    }

    /** The response signed (and encrypted) as configured, as a DOM to derive hostile variants from. */
    public Document signedDocument() {
        Document document = HardenedParser.parse(unsignedXml().getBytes(StandardCharsets.UTF_8));
        Element response = document.getDocumentElement();
        Element assertion = (Element) response.getElementsByTagNameNS(SamlNames.ASSERTION, "Assertion").item(0);
        beforeSigning.accept(assertion);
        if (signed == Signed.ASSERTION || signed == Signed.BOTH) {
            TestSigner.sign(assertion, signingKey, signatureAlgorithm, digestAlgorithm);
        }
        encryption.ifPresent(e -> e.encrypt(assertion));
        if (signed == Signed.RESPONSE || signed == Signed.BOTH) {
            TestSigner.sign(response, signingKey, signatureAlgorithm, digestAlgorithm);
        }
        return document;
    }

    /** The signed response as XML text. */
    public String xml() {
        return TestSigner.serialize(signedDocument());
    }

    /** The signed response as the base64 {@code SAMLAssertion} / {@code SAMLResponse} value. */
    public String base64() {
        return base64(xml());
    }

    public static String base64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    public static String base64(Document document) {
        return base64(TestSigner.serialize(document));
    }
}
