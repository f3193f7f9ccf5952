package dev.stsbridge.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.stsbridge.xml.SecureXml;

class MetadataSignerTest {

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private final MetadataSigner signer = new MetadataSigner();

    @Test
    void signPutsOneEnvelopedSignatureFirstInTheDocumentElementWithTheProfileAlgorithms() throws Exception {
        Document document = SecureXml.parse(TestMetadata.signed());
        Element root = document.getDocumentElement();
        Element signature = firstElementChild(root);

        assertThat(signature.getNamespaceURI()).isEqualTo(DS);
        assertThat(signature.getLocalName()).isEqualTo("Signature");
        assertThat(document.getElementsByTagNameNS(DS, "Signature").getLength()).isEqualTo(1);
        assertThat(algorithm(signature, "CanonicalizationMethod")).containsExactly("http://www.w3.org/2001/10/xml-exc-c14n#");
        assertThat(algorithm(signature, "SignatureMethod")).containsExactly("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256");
        assertThat(algorithm(signature, "Transform")).containsExactly(
                "http://www.w3.org/2000/09/xmldsig#enveloped-signature", "http://www.w3.org/2001/10/xml-exc-c14n#");
        assertThat(algorithm(signature, "DigestMethod")).containsExactly("http://www.w3.org/2001/04/xmlenc#sha256");
        NodeList references = signature.getElementsByTagNameNS(DS, "Reference");
        assertThat(references.getLength()).isEqualTo(1);
        assertThat(((Element) references.item(0)).getAttribute("URI")).isEqualTo("#" + root.getAttribute("ID"));
    }

    @Test
    void signPutsOnlyTheCertificateInKeyInfo() throws Exception {
        Element signature = firstElementChild(SecureXml.parse(TestMetadata.signed()).getDocumentElement());
        Element keyInfo = (Element) signature.getElementsByTagNameNS(DS, "KeyInfo").item(0);

        assertThat(childNames(keyInfo)).containsExactly("X509Data");
        Element x509Data = firstElementChild(keyInfo);
        assertThat(childNames(x509Data)).containsExactly("X509Certificate");
        assertThat(x509Data.getTextContent()).isEqualTo(Base64.getEncoder().encodeToString(TestKeys.current().certificate().getEncoded()));
    }

    @Test
    void signedOutputHasNoLineBreaksInBase64AndIsDeterministicForRsa() {
        byte[] first = TestMetadata.signed();
        byte[] second = TestMetadata.signed();
        assertThat(second).isEqualTo(first);
        assertThat(TestMetadata.text(first)).doesNotContain("&#13;").doesNotContain("\n");
    }

    @Test
    void signWhenAlreadySignedThenRefused() {
        Document signed = SecureXml.parse(TestMetadata.signed());
        assertThatThrownBy(() -> signer.sign(signed, TestKeys.current()))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(MetadataException.Kind.UNUSABLE))
                .hasMessage("the document is already signed (it has a ds:Signature): sign the unsigned document");
    }

    @Test
    void signWhenTheDocumentElementHasNoIdGivesItOneAndTheResultVerifies() {
        Document document = TestMetadata.unsigned();
        document.getDocumentElement().removeAttribute("ID");

        byte[] signed = signer.signToBytes(document, TestKeys.current());

        Element root = SecureXml.parse(signed).getDocumentElement();
        assertThat(root.getAttribute("ID")).matches("_[0-9a-f]{40}");
        assertThat(new MetadataVerifier(TestKeys.CLOCK).verify(signed, List.of(TestKeys.current().certificate())).signer())
                .isEqualTo(TestKeys.current().certificate());
    }

    private static List<String> algorithm(Element signature, String localName) {
        NodeList found = signature.getElementsByTagNameNS(DS, localName);
        return java.util.stream.IntStream.range(0, found.getLength())
                .mapToObj(i -> ((Element) found.item(i)).getAttribute("Algorithm")).toList();
    }

    private static List<String> childNames(Element parent) {
        List<String> names = new java.util.ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            names.add(node instanceof Element e ? e.getLocalName() : "#text");
        }
        return names;
    }

    private static Element firstElementChild(Element parent) {
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element) {
                return element;
            }
        }
        throw new AssertionError("no element child in " + parent.getLocalName());
    }
}
