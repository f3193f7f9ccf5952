package dev.stsbridge.app.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.stsbridge.xml.SecureXml;

/** The client's checks of an ECP answer: each way a hostile or broken answer is refused. */
class EcpExchangeTest {

    private static final URI SIGNIN = URI.create("https://signin.aws.amazon.com/saml");
    private final EcpExchange exchange = EcpExchange.forAws(SIGNIN);

    private String answer(String acs, String inResponseTo, String status) {
        return "<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Header>"
                + "<ecp:Response xmlns:ecp=\"urn:oasis:names:tc:SAML:2.0:profiles:SSO:ecp\" S:mustUnderstand=\"1\""
                + " AssertionConsumerServiceURL=\"" + acs + "\"/></S:Header><S:Body>"
                + "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" InResponseTo=\""
                + inResponseTo + "\" Version=\"2.0\"><samlp:Status><samlp:StatusCode Value=\"" + status + "\"/>"
                + "</samlp:Status></samlp:Response></S:Body></S:Envelope>";
    }

    private String good() {
        return answer(SIGNIN.toString(), exchange.requestId(), "urn:oasis:names:tc:SAML:2.0:status:Success");
    }

    @Test
    void theRequestIsAnUnsignedAwsAuthnRequestForPaosInASoapBody() {
        String envelope = new String(exchange.envelope(), StandardCharsets.UTF_8);
        var document = SecureXml.parse(exchange.envelope());
        var request = document.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:protocol", "AuthnRequest");
        assertThat(request.getLength()).isEqualTo(1);
        var element = (org.w3c.dom.Element) request.item(0);
        assertThat(element.getAttribute("ID")).isEqualTo(exchange.requestId()).matches("_[0-9a-f]{32}");
        assertThat(element.getAttribute("AssertionConsumerServiceURL")).isEqualTo(SIGNIN.toString());
        assertThat(element.getAttribute("ProtocolBinding")).isEqualTo("urn:oasis:names:tc:SAML:2.0:bindings:PAOS");
        assertThat(envelope).contains("<saml:Issuer>urn:amazon:webservices</saml:Issuer>");
        assertThat(EcpExchange.forAws(SIGNIN).requestId()).isNotEqualTo(exchange.requestId());
    }

    @Test
    void aGoodAnswerGivesTheResponseElementAsBase64() {
        EcpExchange.Answer answer = exchange.read(good());
        String xml = new String(Base64.getDecoder().decode(answer.samlResponse()), StandardCharsets.UTF_8);
        assertThat(xml).startsWith("<samlp:Response ").doesNotContain("Envelope").doesNotContain("ecp:Response");
        assertThat(answer.acsUrl()).isEqualTo(SIGNIN);
    }

    @Test
    void anAnswerNamingAnotherAcsIsRefused() {
        assertThatThrownBy(() -> exchange.read(answer("https://evil.example/saml", exchange.requestId(),
                "urn:oasis:names:tc:SAML:2.0:status:Success")))
                .hasMessage("the IdP's ECP answer names the ACS URL 'https://evil.example/saml', not "
                        + "https://signin.aws.amazon.com/saml as asked: refusing to use it");
    }

    @Test
    void anAnswerToAnotherRequestIsRefused() {
        assertThatThrownBy(() -> exchange.read(answer(SIGNIN.toString(), "_other",
                "urn:oasis:names:tc:SAML:2.0:status:Success"))).hasMessageStartingWith("the response answers request "
                + "'_other', not ours");
    }

    @Test
    void aNonSuccessStatusIsRefused() {
        assertThatThrownBy(() -> exchange.read(answer(SIGNIN.toString(), exchange.requestId(),
                "urn:oasis:names:tc:SAML:2.0:status:Responder")))
                .hasMessage("the IdP answered with status urn:oasis:names:tc:SAML:2.0:status:Responder");
    }

    @Test
    void twoResponsesOrNoHeaderOrNoEnvelopeOrADoctypeAreRefused() {
        String twice = good().replace("</S:Body>", "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + "/></S:Body>");
        assertThatThrownBy(() -> exchange.read(twice)).hasMessage("the IdP's ECP answer has 2 samlp:Response "
                + "elements, not one");
        String noHeader = good().replaceAll("<S:Header>.*</S:Header>", "");
        assertThatThrownBy(() -> exchange.read(noHeader)).hasMessage("the IdP's ECP answer has 0 ecp:Response header "
                + "elements, not one");
        assertThatThrownBy(() -> exchange.read("<html/>")).hasMessage("the IdP's ECP answer is not a SOAP envelope");
        assertThatThrownBy(() -> exchange.read("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + good()))
                .hasMessageStartingWith("the IdP's ECP answer is not acceptable XML");
    }

    @Test
    void aResponseOutsideTheBodyIsRefused() {
        String moved = good().replace("<S:Body>", "<S:Body><wrapper>").replace("</S:Body>", "</wrapper></S:Body>");
        assertThatThrownBy(() -> exchange.read(moved)).hasMessage("the samlp:Response is not the SOAP Body's content");
    }

    @Test
    void faultStringsAreReadFromSoapFaults() {
        assertThat(EcpExchange.faultString("<S:Envelope xmlns:S=\"http://schemas.xmlsoap.org/soap/envelope/\"><S:Body>"
                + "<S:Fault><faultcode>S:Client</faultcode><faultstring> Nope. </faultstring></S:Fault></S:Body>"
                + "</S:Envelope>")).hasValue("Nope.");
        assertThat(EcpExchange.faultString("not xml")).isEmpty();
    }
}
