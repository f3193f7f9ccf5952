package dev.stsbridge.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.stsbridge.keys.KeyRing;
import dev.stsbridge.xml.SecureXml;

class IdpMetadataBuilderTest {

    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private final IdpMetadataBuilder builder = new IdpMetadataBuilder();

    @Test
    void buildDescribesTheDemoIdpWithItsEndpointsAndNameIdFormats() {
        Element root = builder.build(IdpIdentity.demo(), List.of(TestKeys.current().certificate())).getDocumentElement();

        assertThat(root.getNamespaceURI()).isEqualTo(MD);
        assertThat(root.getLocalName()).isEqualTo("EntityDescriptor");
        assertThat(root.getAttribute("entityID")).isEqualTo("http://127.0.0.1:8080/saml2/metadata");
        assertThat(root.hasAttribute("validUntil")).isFalse();
        Element idp = only(root, "IDPSSODescriptor");
        assertThat(idp.getAttribute("protocolSupportEnumeration")).isEqualTo("urn:oasis:names:tc:SAML:2.0:protocol");
        assertThat(idp.getAttribute("WantAuthnRequestsSigned")).isEqualTo("false");
        assertThat(texts(idp, "NameIDFormat")).containsExactly("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
                "urn:oasis:names:tc:SAML:2.0:nameid-format:transient", "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress");
        assertThat(endpoints(idp, "SingleSignOnService")).containsExactly(
                "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect http://127.0.0.1:8080/saml2/sso",
                "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST http://127.0.0.1:8080/saml2/sso",
                "urn:oasis:names:tc:SAML:2.0:bindings:SOAP http://127.0.0.1:8080/saml2/ecp");
        assertThat(endpoints(idp, "SingleLogoutService")).containsExactly(
                "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect http://127.0.0.1:8080/saml2/slo",
                "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST http://127.0.0.1:8080/saml2/slo");
        assertThat(root.getElementsByTagNameNS(MD, "Organization").getLength()).isZero();
        assertThat(root.getElementsByTagNameNS(MD, "ContactPerson").getLength()).isZero();
    }

    @Test
    void buildPublishesCurrentThenNextKeyAsSigningKeyDescriptorsWithOnlyTheCertificate() throws Exception {
        KeyRing ring = new KeyRing(TestKeys.current(), Optional.of(TestKeys.next()), List.of(TestKeys.stranger()));
        Element root = builder.build(IdpIdentity.demo(), ring).getDocumentElement();

        NodeList descriptors = root.getElementsByTagNameNS(MD, "KeyDescriptor");
        assertThat(descriptors.getLength()).isEqualTo(2);
        for (int i = 0; i < 2; i++) {
            Element descriptor = (Element) descriptors.item(i);
            assertThat(descriptor.getAttribute("use")).isEqualTo("signing");
            Element keyInfo = onlyChild(descriptor);
            Element x509Data = onlyChild(keyInfo);
            Element certificate = onlyChild(x509Data);
            assertThat(List.of(keyInfo.getLocalName(), x509Data.getLocalName(), certificate.getLocalName()))
                    .containsExactly("KeyInfo", "X509Data", "X509Certificate");
            assertThat(certificate.getNamespaceURI()).isEqualTo(DS);
        }
        assertThat(certificateText(descriptors, 0)).isEqualTo(base64(TestKeys.current()));
        assertThat(certificateText(descriptors, 1)).isEqualTo(base64(TestKeys.next()));
    }

    @Test
    void buildWritesValidUntilOrganizationAndContactWhenGiven() {
        IdpIdentity identity = IdpIdentity.at(URI.create("https://idp.example.com/"))
                .withValidUntil(Instant.parse("2027-01-01T00:00:00Z"))
                .withOrganization(new IdpIdentity.Organization("Example Ltd", "Example", URI.create("https://example.com")))
                .withContactPerson(new IdpIdentity.ContactPerson(IdpIdentity.ContactType.TECHNICAL,
                        Optional.of("Ada"), Optional.of("ops@example.com")));

        Document document = builder.build(identity, List.of(TestKeys.current().certificate()));
        Element root = document.getDocumentElement();

        assertThat(root.getAttribute("entityID")).isEqualTo("https://idp.example.com/saml2/metadata");
        assertThat(root.getAttribute("validUntil")).isEqualTo("2027-01-01T00:00:00.000Z");
        assertThat(texts(root, "OrganizationName")).containsExactly("Example Ltd");
        assertThat(texts(root, "OrganizationDisplayName")).containsExactly("Example");
        assertThat(texts(root, "OrganizationURL")).containsExactly("https://example.com");
        assertThat(only(root, "ContactPerson").getAttribute("contactType")).isEqualTo("technical");
        assertThat(texts(root, "GivenName")).containsExactly("Ada");
        assertThat(texts(root, "EmailAddress")).containsExactly("mailto:ops@example.com");
        new MetadataSchemaValidator().validate(SecureXml.toBytes(document));
    }

    @Test
    void buildGivesTheDocumentElementAnIdDerivedFromItsContent() {
        Element first = builder.build(IdpIdentity.demo(), List.of(TestKeys.current().certificate())).getDocumentElement();
        Element same = builder.build(IdpIdentity.demo(), List.of(TestKeys.current().certificate())).getDocumentElement();
        Element other = builder.build(IdpIdentity.demo(), List.of(TestKeys.next().certificate())).getDocumentElement();

        assertThat(first.getAttribute("ID")).matches("_[0-9a-f]{40}");
        assertThat(same.getAttribute("ID")).isEqualTo(first.getAttribute("ID"));
        assertThat(other.getAttribute("ID")).isNotEqualTo(first.getAttribute("ID"));
    }

    @Test
    void buildIsByteForByteDeterministic() {
        byte[] first = SecureXml.toBytes(builder.build(IdpIdentity.demo(), List.of(TestKeys.current().certificate())));
        byte[] second = SecureXml.toBytes(builder.build(IdpIdentity.demo(), List.of(TestKeys.current().certificate())));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void buildWithoutCertificatesIsRefused() {
        assertThatThrownBy(() -> builder.build(IdpIdentity.demo(), List.<java.security.cert.X509Certificate>of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the metadata needs at least one signing certificate");
    }

    @Test
    void identityRefusesABaseUrlThatIsNotHttp() {
        assertThatThrownBy(() -> IdpIdentity.at(URI.create("ftp://idp.example.com")))
                .hasMessage("the base URL must be an absolute http or https URL, was 'ftp://idp.example.com'");
        assertThatThrownBy(() -> IdpIdentity.at(URI.create("https://idp.example.com/?x=1")))
                .hasMessage("the base URL must not have a query or fragment, was 'https://idp.example.com/?x=1'");
    }

    private static Element only(Element parent, String localName) {
        NodeList found = parent.getElementsByTagNameNS(MD, localName);
        assertThat(found.getLength()).as(localName).isEqualTo(1);
        return (Element) found.item(0);
    }

    private static List<String> texts(Element parent, String localName) {
        NodeList found = parent.getElementsByTagNameNS(MD, localName);
        return java.util.stream.IntStream.range(0, found.getLength()).mapToObj(i -> found.item(i).getTextContent()).toList();
    }

    private static List<String> endpoints(Element parent, String localName) {
        NodeList found = parent.getElementsByTagNameNS(MD, localName);
        return java.util.stream.IntStream.range(0, found.getLength()).mapToObj(i -> (Element) found.item(i))
                .map(e -> e.getAttribute("Binding") + " " + e.getAttribute("Location")).toList();
    }

    private static Element onlyChild(Element parent) {
        Element child = null;
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                assertThat(child).as("only one child of " + parent.getLocalName()).isNull();
                child = element;
            }
        }
        assertThat(child).isNotNull();
        return child;
    }

    private static String certificateText(NodeList descriptors, int index) {
        return ((Element) descriptors.item(index)).getElementsByTagNameNS(DS, "X509Certificate").item(0).getTextContent();
    }

    private static String base64(dev.stsbridge.keys.SigningKey key) throws Exception {
        return Base64.getEncoder().encodeToString(key.certificate().getEncoded());
    }
}
