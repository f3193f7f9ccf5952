package dev.stsbridge.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.metadata.MetadataException.Kind;
import dev.stsbridge.xml.SecureXml;

/**
 * The profile rules on their own: in {@link MetadataVerifier} the schema already refuses some of these
 * documents, but the profile must not depend on that.
 */
class SignatureProfileTest {

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";

    @Test
    void checkReturnsTheSignatureOfAProperlySignedDocument() {
        Document document = SecureXml.parse(TestMetadata.signed());
        assertThat(SignatureProfile.check(document).getParentNode()).isSameAs(document.getDocumentElement());
    }

    @Test
    void checkWhenTwoSignaturesOnTheDocumentElementThenRefused() {
        Document document = SecureXml.parse(TestMetadata.signed());
        Element root = document.getDocumentElement();
        root.insertBefore(signature(document).cloneNode(true), root.getFirstChild());

        assertInvalid(document, "the document element has 2 ds:Signature elements; exactly one is allowed");
    }

    @Test
    void checkWhenTwoElementsShareAnIdThenRefused() {
        Document document = SecureXml.parse(TestMetadata.signed());
        String id = document.getDocumentElement().getAttribute("ID");
        ((Element) document.getElementsByTagNameNS(MD, "IDPSSODescriptor").item(0)).setAttributeNS(null, "ID", id);

        assertInvalid(document, "the ID '" + id + "' appears on 2 elements; IDs must be unique (signature wrapping?)");
    }

    @Test
    void checkWhenTwoReferencesThenRefused() {
        Document document = SecureXml.parse(TestMetadata.signed());
        Element reference = (Element) document.getElementsByTagNameNS(DS, "Reference").item(0);
        reference.getParentNode().appendChild(reference.cloneNode(true));

        assertInvalid(document, "the signature has 2 References; exactly one is allowed");
    }

    @Test
    void checkWhenTheReferenceHasNoUriThenRefused() {
        Document document = SecureXml.parse(TestMetadata.signed());
        ((Element) document.getElementsByTagNameNS(DS, "Reference").item(0)).removeAttributeNS(null, "URI");

        assertInvalid(document, "the signature's Reference has no URI; it must be \"\" or \"#<ID of the document element>\"");
    }

    @Test
    void checkWhenTheDocumentElementHasNoIdAndTheReferenceNamesOneThenRefused() {
        Document document = SecureXml.parse(TestMetadata.signed());
        String id = document.getDocumentElement().getAttribute("ID");
        document.getDocumentElement().removeAttributeNS(null, "ID");

        assertInvalid(document, "the signature's Reference URI '#" + id
                + "' does not point at the document element (which has no ID)");
    }

    @Test
    void checkWhenATransformAppearsTwiceThenRefused() {
        Document document = SecureXml.parse(TestMetadata.signed());
        Element transform = (Element) document.getElementsByTagNameNS(DS, "Transform").item(0);
        transform.getParentNode().appendChild(transform.cloneNode(true));

        assertInvalid(document, "transform http://www.w3.org/2000/09/xmldsig#enveloped-signature appears twice");
    }

    private static Element signature(Document document) {
        return (Element) document.getElementsByTagNameNS(DS, "Signature").item(0);
    }

    private static void assertInvalid(Document document, String message) {
        assertThatThrownBy(() -> SignatureProfile.check(document))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SIGNATURE_INVALID))
                .hasMessage(message);
    }
}
