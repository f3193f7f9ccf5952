package dev.stsbridge.metadata;

import static dev.stsbridge.metadata.TestMetadata.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;

import dev.stsbridge.metadata.MetadataException.Kind;

class MetadataSchemaValidatorTest {

    private static final String MD_OPEN = "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\"";

    private final MetadataSchemaValidator validator = new MetadataSchemaValidator();

    @Test
    void validateAcceptsTheIdpsSignedMetadata() {
        assertThatCode(() -> validator.validate(TestMetadata.signed())).doesNotThrowAnyException();
    }

    @Test
    void validateAcceptsAwsSpMetadata() {
        assertThatCode(() -> validator.validate(ServiceProviderMetadataReader.awsSignInMetadata())).doesNotThrowAnyException();
    }

    @Test
    void validateWhenEntityIdIsMissingThenSchemaInvalidNamingLineAndAttribute() {
        String document = "<?xml version=\"1.0\"?>\n" + MD_OPEN + ">\n"
                + "  <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
                + "    <md:SingleSignOnService Binding=\"urn:b\" Location=\"https://idp.example/sso\"/>\n"
                + "  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n";

        assertThatThrownBy(() -> validator.validate(bytes(document)))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_INVALID))
                .hasMessage("not valid SAML metadata (line 2, column 70): cvc-complex-type.4: Attribute 'entityID' "
                        + "must appear on element 'md:EntityDescriptor'.");
    }

    @Test
    void validateWhenARequiredChildIsMissingThenSchemaInvalidOnItsLine() {
        String document = "<?xml version=\"1.0\"?>\n" + MD_OPEN + " entityID=\"urn:x\">\n"
                + "  <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
                + "  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n";

        assertThatThrownBy(() -> validator.validate(bytes(document)))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_INVALID))
                .hasMessageStartingWith("not valid SAML metadata (line 4, column ")
                .hasMessageContaining("The content of element 'md:IDPSSODescriptor' is not complete")
                .hasMessageContaining("SingleSignOnService");
    }

    @Test
    void validateWhenTheRootIsNotMetadataThenSchemaInvalid() {
        assertThatThrownBy(() -> validator.validate(bytes("<html><body/></html>")))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SCHEMA_INVALID))
                .hasMessage("not valid SAML metadata (line 1, column 7): cvc-elt.1.a: Cannot find the declaration of element 'html'.");
    }

    @Test
    void validateWhenNotWellFormedThenNotWellFormed() {
        assertThatThrownBy(() -> validator.validate(bytes(MD_OPEN + " entityID=\"urn:x\">")))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_WELL_FORMED))
                .hasMessageStartingWith("not well-formed XML (line 1, column ");
    }

    @Test
    void validateWhenADoctypeIsPresentThenNotWellFormedWithoutExpandingIt() {
        String xxe = "<!DOCTYPE md:EntityDescriptor [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + MD_OPEN + " entityID=\"&x;\"/>";
        assertThatThrownBy(() -> validator.validate(bytes(xxe)))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_WELL_FORMED))
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void validateNeverFetchesASchemaLocationNamedByTheDocument() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            trap.setSoTimeout(300);
            String location = "http://127.0.0.1:" + trap.getLocalPort() + "/evil.xsd";
            String document = MD_OPEN + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                    + " xmlns:evil=\"urn:evil\" xsi:schemaLocation=\"urn:evil " + location + "\" entityID=\"urn:x\">"
                    + "<md:Extensions><evil:Thing/></md:Extensions>"
                    + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                    + "<md:SingleSignOnService Binding=\"urn:b\" Location=\"https://idp.example/sso\"/>"
                    + "</md:IDPSSODescriptor></md:EntityDescriptor>";

            assertThatCode(() -> validator.validate(bytes(document))).doesNotThrowAnyException();
            assertThatThrownBy(trap::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }
}
