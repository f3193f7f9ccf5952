package dev.stsbridge.idp.assertion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.xmlsec.signature.support.SignatureException;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;

/** A signed response without an assertion (NoPassive): read back by OpenSAML, signature checked by it and xmlsec1. */
class StatusResponseTest {

    private static final SigningKey RSA = Fixtures.key(KeyAlgorithm.RSA_2048);
    private static final SigningKey OTHER = Fixtures.key(KeyAlgorithm.RSA_2048);
    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123456Z");

    @TempDir
    Path dir;

    private static SignedResponse noPassive(SigningMode mode) {
        AssertionFactory factory = new AssertionFactory(Clock.fixed(NOW, ZoneOffset.UTC));
        return new ResponseSigner(RSA, mode).sign(factory.noPassive("https://idp.example.com/saml2/metadata",
                "https://sp.example.test/acs", "_request-1"));
    }

    @Test
    void noPassiveIsAResponderNoPassiveStatusInResponseToTheRequestWithoutAnAssertion() throws SignatureException {
        SignedResponse signed = noPassive(SigningMode.ASSERTION);

        Response response = OpenSamlChecks.unmarshal(signed.xml());
        assertThat(response.getStatus().getStatusCode().getValue()).isEqualTo(StatusResponse.RESPONDER);
        assertThat(response.getStatus().getStatusCode().getStatusCode().getValue()).isEqualTo(StatusResponse.NO_PASSIVE);
        assertThat(response.getStatus().getStatusMessage().getValue()).contains("IsPassive");
        assertThat(response.getInResponseTo()).isEqualTo("_request-1");
        assertThat(response.getDestination()).isEqualTo("https://sp.example.test/acs");
        assertThat(response.getIssuer().getValue()).isEqualTo("https://idp.example.com/saml2/metadata");
        assertThat(response.getIssueInstant()).isEqualTo(Instant.parse("2026-11-25T12:00:00.123Z"));
        assertThat(response.getID()).isEqualTo(signed.responseId()).startsWith("_");
        assertThat(response.getAssertions()).isEmpty();
        assertThat(response.getEncryptedAssertions()).isEmpty();
        assertThat(signed.hasAssertion()).isFalse();
        assertThatThrownBy(signed::assertionId).isInstanceOf(IllegalStateException.class);
        // the response is signed even when the mode signs only assertions: there is none
        OpenSamlChecks.validate(response.getSignature(), RSA.certificate());
    }

    @Test
    void noPassiveSignatureVerifiesWithXmlsec1AndNotWithAnotherKey() {
        byte[] xml = noPassive(SigningMode.ASSERTION).xml();

        XmlSec1.Result good = new XmlSec1(dir).verify(xml, RSA.certificate(), XmlSec1.RESPONSE_SIGNATURE);
        assertThat(good.verified()).as(good.output()).isTrue();
        XmlSec1.Result other = new XmlSec1(dir).verify(xml, OTHER.certificate(), XmlSec1.RESPONSE_SIGNATURE);
        assertThat(other.verified()).as(other.output()).isFalse();
    }

    @Test
    void noPassiveWithAChangedStatusNoLongerVerifies() {
        String xml = new String(noPassive(SigningMode.RESPONSE).xml(), StandardCharsets.UTF_8);
        byte[] tampered = xml.replace(StatusResponse.NO_PASSIVE, "urn:oasis:names:tc:SAML:2.0:status:AuthnFailed")
                .getBytes(StandardCharsets.UTF_8);

        XmlSec1.Result result = new XmlSec1(dir).verify(tampered, RSA.certificate(), XmlSec1.RESPONSE_SIGNATURE);
        assertThat(result.verified()).as(result.output()).isFalse();
    }
}
