package dev.stsbridge.idp.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.Signature;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.LogoutResponse;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.w3c.dom.Element;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.xml.SecureXml;

/**
 * The IdP's single logout messages, read back by OpenSAML and checked by it and by xmlsec1 (HTTP-POST), or by the
 * JDK over the query octets as bindings §3.4.4.1 defines them (HTTP-Redirect).
 */
class LogoutMessagesTest {

    private static final SigningKey RSA = Fixtures.key(KeyAlgorithm.RSA_2048);
    private static final SigningKey OTHER = Fixtures.key(KeyAlgorithm.RSA_2048);
    private static final URI SLO = URI.create("https://sp.example.test/slo");
    private static final LogoutSubject ALICE = new LogoutSubject("alice@example.com",
            "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", Optional.empty(),
            Optional.of("https://sp.example.test/saml"), "_0123456789abcdef0123456789abcdef");
    private static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";

    @TempDir
    Path dir;

    private final LogoutMessages messages = new LogoutMessages(Fixtures.IDP, RSA, Fixtures.CLOCK, new SecureRandom());

    @Test
    void aPostLogoutRequestNamesTheSubjectAndCarriesAnEnvelopedSignatureOpenSamlAndXmlSec1Accept()
            throws SignatureException {
        SignedLogoutMessage message = messages.request(SLO, ALICE, SamlBinding.POST, Optional.of("chain-1"));

        LogoutRequest request = unmarshal(message.xml(), LogoutRequest.class);
        assertThat(request.getID()).isEqualTo(message.id()).startsWith("_").hasSize(41);
        assertThat(request.getDestination()).isEqualTo(SLO.toString());
        assertThat(request.getIssuer().getValue()).isEqualTo(Fixtures.IDP);
        assertThat(request.getIssueInstant()).isEqualTo(Fixtures.NOW);
        assertThat(request.getNameID().getValue()).isEqualTo("alice@example.com");
        assertThat(request.getNameID().getFormat()).isEqualTo(ALICE.format());
        assertThat(request.getNameID().getNameQualifier()).isNull();
        assertThat(request.getNameID().getSPNameQualifier()).isEqualTo("https://sp.example.test/saml");
        assertThat(request.getSessionIndexes()).singleElement().satisfies(i -> assertThat(i.getValue())
                .isEqualTo(ALICE.sessionIndex()));
        OpenSamlChecks.validate(request.getSignature(), RSA.certificate());
        assertThat(message.parameter()).isEqualTo("SAMLRequest");
        assertThat(message.relayState()).hasValue("chain-1");
        assertThat(Base64.getDecoder().decode(message.base64())).isEqualTo(message.xml());
        XmlSec1.Result good = new XmlSec1(dir).verifyFirstSignature(message.xml(), RSA.certificate(),
                PROTOCOL + ":LogoutRequest");
        assertThat(good.verified()).as(good.output()).isTrue();
        XmlSec1.Result other = new XmlSec1(dir).verifyFirstSignature(message.xml(), OTHER.certificate(),
                PROTOCOL + ":LogoutRequest");
        assertThat(other.verified()).as(other.output()).isFalse();
    }

    @Test
    void aPostLogoutResponseWithAChangedStatusNoLongerVerifiesWithXmlSec1() {
        SignedLogoutMessage message = messages.response(SLO, "_req-1", LogoutStatus.SUCCESS, Optional.empty(),
                SamlBinding.POST, Optional.empty());
        byte[] tampered = message.xmlText().replace("status:Success", "status:Requester")
                .getBytes(StandardCharsets.UTF_8);

        XmlSec1.Result result = new XmlSec1(dir).verifyFirstSignature(tampered, RSA.certificate(),
                PROTOCOL + ":LogoutResponse");

        assertThat(result.verified()).as(result.output()).isFalse();
    }

    @Test
    void aRedirectLogoutResponseHasNoXmlSignatureAndItsQueryIsSignedOverTheRawParameters() throws Exception {
        SignedLogoutMessage message = messages.response(SLO, "_req-2", LogoutStatus.PARTIAL_LOGOUT,
                Optional.of("Not signed out of: https://other.example.test"), SamlBinding.REDIRECT,
                Optional.of("state & more"));

        String url = message.redirectUrl().toString();
        assertThat(url).startsWith(SLO + "?SAMLResponse=");
        Map<String, String> raw = rawQuery(url);
        assertThat(raw.keySet()).containsExactly("SAMLResponse", "RelayState", "SigAlg", "Signature");
        assertThat(decode(raw.get("RelayState"))).isEqualTo("state & more");
        assertThat(decode(raw.get("SigAlg"))).isEqualTo("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(RSA.certificate().getPublicKey());
        verifier.update(("SAMLResponse=" + raw.get("SAMLResponse") + "&RelayState=" + raw.get("RelayState")
                + "&SigAlg=" + raw.get("SigAlg")).getBytes(StandardCharsets.UTF_8));
        assertThat(verifier.verify(Base64.getDecoder().decode(decode(raw.get("Signature"))))).isTrue();
        byte[] xml = inflate(Base64.getDecoder().decode(decode(raw.get("SAMLResponse"))));
        assertThat(xml).isEqualTo(message.xml());
        LogoutResponse response = unmarshal(xml, LogoutResponse.class);
        assertThat(response.getSignature()).isNull();
        assertThat(response.getInResponseTo()).isEqualTo("_req-2");
        assertThat(response.getStatus().getStatusCode().getValue())
                .isEqualTo("urn:oasis:names:tc:SAML:2.0:status:Success");
        assertThat(response.getStatus().getStatusCode().getStatusCode().getValue())
                .isEqualTo("urn:oasis:names:tc:SAML:2.0:status:PartialLogout");
        assertThat(response.getStatus().getStatusMessage().getValue())
                .isEqualTo("Not signed out of: https://other.example.test");
    }

    @Test
    void aPostMessageHasNoRedirectUrl() {
        SignedLogoutMessage message = messages.request(SLO, ALICE, SamlBinding.POST, Optional.empty());
        assertThatThrownBy(message::redirectUrl).isInstanceOf(IllegalStateException.class)
                .hasMessage("message " + message.id() + " is for the HTTP-POST binding");
    }

    private static <T> T unmarshal(byte[] xml, Class<T> type) {
        Element element = SecureXml.parse(xml).getDocumentElement();
        try {
            return type.cast(XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(element)
                    .unmarshall(element));
        } catch (org.opensaml.core.xml.io.UnmarshallingException e) {
            throw new AssertionError(e);
        }
    }

    private static Map<String, String> rawQuery(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return parameters;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static byte[] inflate(byte[] deflated) throws Exception {
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return out.toByteArray();
    }
}
