package dev.stsbridge.verifier.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/** DTDs, entities and other parser attacks, oversize and non-base64 input: refused before any signature work. */
class XmlParsingAttackTest {
    private static final AwsError DOCTYPE_REFUSED =
            AwsError.invalidIdentityToken("Invalid SAML response: a DOCTYPE (DTD, entities) is not allowed");

    private final TestSts sts = TestSts.standard();

    /** The valid signed response with a DOCTYPE in front and, optionally, an entity reference in the NameID. */
    private static String withDoctype(String doctype, String nameIdEntity) {
        String xml = TestResponse.alice().xml();
        if (!nameIdEntity.isEmpty()) {
            xml = xml.replace("alice@example.com</saml:NameID>", nameIdEntity + "</saml:NameID>");
        }
        return TestResponse.base64(doctype + xml);
    }

    @Test
    void parseWhenXxeFileEntityThenInvalidIdentityToken() {
        assertThat(sts.refusal(withDoctype(
                "<!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>", "&xxe;")))
                .isEqualTo(DOCTYPE_REFUSED);
    }

    @Test
    void parseWhenBillionLaughsThenInvalidIdentityToken() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE samlp:Response [<!ENTITY lol0 \"lol\">");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        assertThat(sts.refusal(withDoctype(dtd.append("]>").toString(), "&lol9;"))).isEqualTo(DOCTYPE_REFUSED);
    }

    @Test
    void parseWhenExternalParameterEntityThenRefusedWithoutConnecting() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String dtd = "<!DOCTYPE samlp:Response [<!ENTITY % remote SYSTEM \"http://127.0.0.1:"
                    + listener.getLocalPort() + "/evil.dtd\"> %remote;]>";
            assertThat(sts.refusal(withDoctype(dtd, ""))).isEqualTo(DOCTYPE_REFUSED);
            listener.setSoTimeout(300);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void parseWhenExternalDtdThenInvalidIdentityToken() {
        assertThat(sts.refusal(withDoctype("<!DOCTYPE samlp:Response SYSTEM \"http://127.0.0.1:9/saml.dtd\">", "")))
                .isEqualTo(DOCTYPE_REFUSED);
    }

    @Test
    void parseWhenCve2025_25291AttlistDeclaresAnotherIdThenInvalidIdentityToken() {
        assertThat(sts.refusal(withDoctype(
                "<!DOCTYPE samlp:Response [<!ATTLIST saml:Assertion ID ID #IMPLIED><!ATTLIST x:Data ID ID #IMPLIED>]>",
                ""))).isEqualTo(DOCTYPE_REFUSED);
    }

    @Test
    void parseWhenInternalEntitySplitsNameIdThenInvalidIdentityToken() {
        assertThat(sts.refusal(withDoctype("<!DOCTYPE samlp:Response [<!ENTITY evil \"admin@example.com\">]>", "&evil;")))
                .isEqualTo(DOCTYPE_REFUSED);
    }

    @Test
    void parseWhenNotWellFormedThenInvalidIdentityToken() {
        assertThat(sts.refusal(TestResponse.base64("<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\">")))
                .isEqualTo(AwsError.invalidIdentityToken("Invalid SAML response: not well-formed XML"));
    }

    @Test
    void parseWhenRootIsNotSamlResponseThenInvalidIdentityToken() {
        String assertionOnly = TestResponse.alice().xml().replaceAll("^.*?(<saml:Assertion )", "$1")
                .replace("</samlp:Response>", "");
        assertThat(sts.refusal(TestResponse.base64(assertionOnly))).isEqualTo(
                AwsError.invalidIdentityToken("Invalid SAML response: the document is not a samlp:Response"));
    }

    @Test
    void decodeWhenNotBase64ThenInvalidIdentityToken() {
        assertThat(sts.refusal("PHNhbWxwOlJlc3Bvbn!!!NlPg=="))
                .isEqualTo(AwsError.invalidIdentityToken("Invalid SAML response: SAMLAssertion is not valid base64"));
    }

    @Test
    void decodeWhenBadPaddingThenInvalidIdentityToken() {
        assertThat(sts.refusal("PHNhbWxwOl"))
                .isEqualTo(AwsError.invalidIdentityToken("Invalid SAML response: SAMLAssertion is not valid base64"));
    }

    @Test
    void decodeWhenBase64WrappedAt76ColumnsThenAccepted() {
        String wrapped = TestResponse.alice().base64().replaceAll("(.{76})", "$1\r\n");
        assertThat(sts.assume(wrapped).subject()).isEqualTo("alice@example.com");
    }

    @Test
    void checkWhenAssertionOver100000CharactersThenValidationError() {
        assertThat(sts.refusal("A".repeat(100_004))).isEqualTo(AwsError.validation("1 validation error detected: "
                + "Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length less than or equal to 100000"));
    }

    @Test
    void checkWhenAssertionUnder4CharactersThenValidationError() {
        assertThat(sts.refusal("QQ=")).isEqualTo(AwsError.validation("1 validation error detected: "
                + "Value at 'sAMLAssertion' failed to satisfy constraint: Member must have length greater than or equal to 4"));
    }
}
