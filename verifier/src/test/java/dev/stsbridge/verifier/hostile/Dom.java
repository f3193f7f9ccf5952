package dev.stsbridge.verifier.hostile;

import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.testing.TestResponse;

/** DOM surgery for hostile fixtures. */
final class Dom {
    private Dom() {
    }

    static Element response(Document document) {
        return document.getDocumentElement();
    }

    static Element assertion(Document document) {
        return first(document.getDocumentElement(), SamlNames.ASSERTION, "Assertion");
    }

    static Element first(Element root, String namespace, String localName) {
        return (Element) root.getElementsByTagNameNS(namespace, localName).item(0);
    }

    static List<Element> all(Element root, String namespace, String localName) {
        NodeList nodes = root.getElementsByTagNameNS(namespace, localName);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    /** The direct ds:Signature child of {@code element}. */
    static Element signatureOf(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (SamlNames.DSIG.equals(n.getNamespaceURI()) && "Signature".equals(n.getLocalName())) {
                return (Element) n;
            }
        }
        throw new IllegalStateException("no Signature in " + element.getLocalName());
    }

    static void removeSignature(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (SamlNames.DSIG.equals(n.getNamespaceURI()) && "Signature".equals(n.getLocalName())) {
                element.removeChild(n);
                return;
            }
        }
    }

    /** The first child element named {@code Issuer}'s next sibling: where Signature and Extensions go. */
    static Node afterIssuer(Element element) {
        return first(element, SamlNames.ASSERTION, "Issuer").getNextSibling();
    }

    /** Makes an assertion claim admin and the EvilAdmin role (what a wrapping attack wants consumed). */
    static Element makeEvil(Element assertion) {
        first(assertion, SamlNames.ASSERTION, "NameID").setTextContent("admin@example.com");
        for (Element attribute : all(assertion, SamlNames.ASSERTION, "Attribute")) {
            Element value = first(attribute, SamlNames.ASSERTION, "AttributeValue");
            switch (attribute.getAttributeNS(null, "Name").substring(TestResponse.ATTR.length())) {
                case "Role" -> value.setTextContent(TestResponse.EVIL_ROLE_ARN + "," + TestResponse.PROVIDER_ARN);
                case "RoleSessionName" -> value.setTextContent("admin");
                default -> { }
            }
        }
        return assertion;
    }

    /** An unsigned copy of {@code assertion} with its own ID, made evil. */
    static Element evilCopy(Element assertion, String id) {
        Element copy = (Element) assertion.cloneNode(true);
        removeSignature(copy);
        copy.setAttributeNS(null, "ID", id);
        return makeEvil(copy);
    }

    static Element extensions(Document document) {
        return element(document, SamlNames.PROTOCOL, "samlp:Extensions");
    }

    /** A new element that declares its own prefix (the serializer does no namespace fix-up). */
    static Element element(Document document, String namespace, String qualifiedName) {
        Element element = document.createElementNS(namespace, qualifiedName);
        declare(element, qualifiedName.substring(0, qualifiedName.indexOf(':')), namespace);
        return element;
    }

    static void declare(Element element, String prefix, String namespace) {
        element.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:" + prefix, namespace);
    }
}
