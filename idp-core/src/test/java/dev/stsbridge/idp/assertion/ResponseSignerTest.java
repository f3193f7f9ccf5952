package dev.stsbridge.idp.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.apache.xml.security.c14n.Canonicalizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureException;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.NameId;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.xml.SecureXml;

/** The lean signer's output, checked by OpenSAML (profile + signature) and against the OpenSAML reference path. */
class ResponseSignerTest {

    private static final SigningKey RSA = Fixtures.key(KeyAlgorithm.RSA_2048);
    private static final SigningKey EC = Fixtures.key(KeyAlgorithm.EC_P256);
    private static final SigningKey OTHER = Fixtures.key(KeyAlgorithm.RSA_2048);

    static Stream<Arguments> modesAndKeys() {
        List<Arguments> cases = new ArrayList<>();
        for (SigningMode mode : SigningMode.values()) {
            cases.add(Arguments.of(mode, "RSA-2048", RSA));
            cases.add(Arguments.of(mode, "EC P-256", EC));
        }
        return cases.stream();
    }

    private static List<Signature> signatures(Response response) {
        List<Signature> signatures = new ArrayList<>();
        if (response.getSignature() != null) {
            signatures.add(response.getSignature());
        }
        for (Assertion assertion : response.getAssertions()) {
            if (assertion.getSignature() != null) {
                signatures.add(assertion.getSignature());
            }
        }
        return signatures;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndKeys")
    void signThenSignedElementsAreExactlyThoseTheModeNames(SigningMode mode, String keyName, SigningKey key) {
        Xml xml = Xml.parse(new ResponseSigner(key, mode).sign(Fixtures.aliceResponse()).xml());
        assertThat(xml.count("/samlp:Response/ds:Signature")).isEqualTo(mode.signsResponse() ? 1 : 0);
        assertThat(xml.count("/samlp:Response/saml:Assertion/ds:Signature")).isEqualTo(mode.signsAssertion() ? 1 : 0);
        assertThat(xml.count("//ds:Signature")).isEqualTo(mode == SigningMode.BOTH ? 2 : 1);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndKeys")
    void signThenOpenSamlProfileAndSignatureValidatorsAccept(SigningMode mode, String keyName, SigningKey key)
            throws SignatureException {
        Response response = OpenSamlChecks.unmarshal(new ResponseSigner(key, mode).sign(Fixtures.aliceResponse()).xml());
        List<Signature> signatures = signatures(response);
        assertThat(signatures).hasSize(mode == SigningMode.BOTH ? 2 : 1);
        for (Signature signature : signatures) {
            OpenSamlChecks.validate(signature, key.certificate());
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndKeys")
    void signWhenCheckedWithAnotherKeyThenOpenSamlRefuses(SigningMode mode, String keyName, SigningKey key) {
        Response response = OpenSamlChecks.unmarshal(new ResponseSigner(key, mode).sign(Fixtures.aliceResponse()).xml());
        for (Signature signature : signatures(response)) {
            assertThatThrownBy(() -> OpenSamlChecks.validate(signature, OTHER.certificate()))
                    .isInstanceOf(SignatureException.class);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndKeys")
    void signUsesOneReferenceEnvelopedExcC14nSha256AndOnlyTheCertificateAfterIssuer(SigningMode mode, String keyName,
                                                                                  SigningKey key) throws Exception {
        AwsResponse unsigned = Fixtures.aliceResponse();
        Xml xml = Xml.parse(new ResponseSigner(key, mode).sign(unsigned).xml());
        String method = key == EC ? "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
                : "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
        List<String[]> signed = new ArrayList<>();
        if (mode.signsResponse()) {
            signed.add(new String[] {"/samlp:Response", unsigned.responseId()});
        }
        if (mode.signsAssertion()) {
            signed.add(new String[] {"/samlp:Response/saml:Assertion", unsigned.assertionId()});
        }
        for (String[] element : signed) {
            String s = element[0] + "/ds:Signature";
            assertThat(xml.childNames(element[0]).subList(0, 2)).containsExactly("Issuer", "Signature");
            assertThat(xml.string(s + "/ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm"))
                    .isEqualTo("http://www.w3.org/2001/10/xml-exc-c14n#");
            assertThat(xml.string(s + "/ds:SignedInfo/ds:SignatureMethod/@Algorithm")).isEqualTo(method);
            assertThat(xml.strings(s + "/ds:SignedInfo/ds:Reference/@URI")).containsExactly("#" + element[1]);
            assertThat(xml.strings(s + "/ds:SignedInfo/ds:Reference/ds:Transforms/ds:Transform/@Algorithm"))
                    .containsExactly("http://www.w3.org/2000/09/xmldsig#enveloped-signature",
                            "http://www.w3.org/2001/10/xml-exc-c14n#");
            assertThat(xml.string(s + "/ds:SignedInfo/ds:Reference/ds:DigestMethod/@Algorithm"))
                    .isEqualTo("http://www.w3.org/2001/04/xmlenc#sha256");
            assertThat(xml.childNames(s + "/ds:KeyInfo")).containsExactly("X509Data");
            assertThat(xml.childNames(s + "/ds:KeyInfo/ds:X509Data")).containsExactly("X509Certificate");
            assertThat(xml.string(s + "/ds:KeyInfo/ds:X509Data/ds:X509Certificate"))
                    .isEqualTo(Base64.getEncoder().encodeToString(key.certificate().getEncoded()));
        }
    }

    static Stream<Arguments> modesAndResponses() {
        AwsClaims tricky = new AwsClaims("alice", List.of(Fixtures.PROD_ADMIN), "alice", Optional.empty(),
                Optional.empty(), List.of(new SessionTag("k&<>\"'\t\n\r.x", "a&b<c>d\"e'f\tg\nh\ri é 𝄞 ]]> z")),
                List.of("k&<>\"'\t\n\r.x"));
        AssertionFactory factory = new AssertionFactory(Fixtures.CLOCK);
        List<Arguments> cases = new ArrayList<>();
        for (SigningMode mode : SigningMode.values()) {
            cases.add(Arguments.of(mode, "alice", Fixtures.aliceResponse()));
            cases.add(Arguments.of(mode, "InResponseTo, email NameID", factory.build(Fixtures.alice(),
                    new NameId("alice@example.com", NameId.EMAIL), Fixtures.request().inResponseTo("_req-7").build())));
            cases.add(Arguments.of(mode, "markup and non-ASCII values", factory.build(tricky,
                    new NameId("a&b<c>\"d\"\u00e9", NameId.TRANSIENT), Fixtures.request().build())));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndResponses")
    void signGivesTheSameCanonicalXmlAndSignatureValuesAsTheOpenSamlReference(SigningMode mode, String name,
                                                                              AwsResponse unsigned) throws Exception {
        byte[] lean = new ResponseSigner(RSA, mode).sign(unsigned).xml();
        byte[] reference = new OpenSamlResponseSigner(RSA, mode).sign(unsigned).xml();
        assertThat(canonical(lean)).isEqualTo(canonical(reference));
        assertThat(Xml.parse(lean).strings("//ds:SignatureValue"))
                .hasSize(mode == SigningMode.BOTH ? 2 : 1)
                .isEqualTo(Xml.parse(reference).strings("//ds:SignatureValue"));
    }

    @Test
    void signWithEcKeyGivesRawRAndSConcatenatedAsXmlDsigWants() {
        Xml xml = Xml.parse(new ResponseSigner(EC).sign(Fixtures.aliceResponse()).xml());
        byte[] value = Base64.getDecoder().decode(xml.string("//ds:SignatureValue"));
        assertThat(value).hasSize(64);
    }

    @Test
    void signGivesUnindentedUtf8WithDeclarationAndItsBase64WithoutLineBreaks() {
        SignedResponse signed = new ResponseSigner(RSA).sign(Fixtures.aliceResponse());
        String text = signed.xmlText();
        assertThat(text).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><saml2p:Response ")
                .doesNotContain("\n").doesNotContain("\r").doesNotContain("&#13;");
        assertThat(signed.base64()).doesNotContain("\n").doesNotContain("\r");
        assertThat(Base64.getDecoder().decode(signed.base64())).isEqualTo(signed.xml());
        assertThat(signed.xml()).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(signed.encrypted()).isFalse();
    }

    @Test
    void signParsesBackWithOpenSamlToTheBuiltValues() {
        AwsResponse unsigned = Fixtures.aliceResponse();
        SignedResponse signed = new ResponseSigner(RSA).sign(unsigned);
        Response response = OpenSamlChecks.unmarshal(signed.xml());
        assertThat(signed.responseId()).isEqualTo(unsigned.responseId());
        assertThat(response.getID()).isEqualTo(unsigned.responseId());
        assertThat(response.getIssueInstant()).isEqualTo(Fixtures.NOW);
        Assertion assertion = response.getAssertions().get(0);
        assertThat(assertion.getID()).isEqualTo(signed.assertionId());
        assertThat(assertion.getSubject().getNameID().getValue()).isEqualTo("f3a9c0de-alice-opaque");
        assertThat(assertion.getConditions().getNotBefore()).isEqualTo(Fixtures.NOW);
        assertThat(assertion.getAuthnStatements().get(0).getSessionNotOnOrAfter())
                .isEqualTo(Fixtures.NOW.plusSeconds(8 * 3600));
        assertThat(assertion.getAttributeStatements().get(0).getAttributes()).hasSize(7);
    }

    private static String canonical(byte[] xml) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Canonicalizer.getInstance(Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS)
                .canonicalizeSubtree(SecureXml.parse(xml).getDocumentElement(), out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
