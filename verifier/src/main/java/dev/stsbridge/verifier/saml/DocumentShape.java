package dev.stsbridge.verifier.saml;

import java.util.HashSet;
import java.util.Set;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import dev.stsbridge.verifier.AwsException;

/**
 * One walk over a (response or decrypted assertion) document that refuses the shapes signature-wrapping attacks
 * need: two elements with the same ID (any attribute named {@code ID}, {@code Id}, {@code id}, {@code AssertionID}
 * or {@code xml:id}), an Assertion anywhere but as the one child of the Response, and a {@code ds:Signature}
 * anywhere but as a direct child of the Response or of the Assertion.
 */
final class DocumentShape {
    private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

    private final Set<String> ids = new HashSet<>();
    private int assertions;
    private int encryptedAssertions;

    private DocumentShape() {
    }

    /** Walks the tree under {@code root} and refuses it on the first breach. */
    static DocumentShape check(Element root) {
        DocumentShape shape = new DocumentShape();
        shape.walk(root);
        return shape;
    }

    int assertions() {
        return assertions;
    }

    int encryptedAssertions() {
        return encryptedAssertions;
    }

    private void walk(Element root) {
        Node node = root;
        while (node != null) {
            if (node.getNodeType() == Node.ELEMENT_NODE) {
                visit((Element) node);
            }
            node = next(node, root);
        }
    }

    private static Node next(Node node, Node root) {
        if (node.getFirstChild() != null) {
            return node.getFirstChild();
        }
        Node n = node;
        while (n != root && n.getNextSibling() == null) {
            n = n.getParentNode();
        }
        return n == root ? null : n.getNextSibling();
    }

    private void visit(Element element) {
        collectIds(element);
        if (SamlXml.is(element, SamlNames.ASSERTION, "Assertion")) {
            assertions++;
        } else if (SamlXml.is(element, SamlNames.ASSERTION, "EncryptedAssertion")) {
            encryptedAssertions++;
        } else if (SamlXml.is(element, SamlNames.DSIG, "Signature") && !signableParent(element)) {
            throw new AwsException(StsErrors.signatureRefused(
                    "a Signature may only be a direct child of the Response or of the Assertion"));
        }
    }

    private static boolean signableParent(Element signature) {
        Node parent = signature.getParentNode();
        return SamlXml.is(parent, SamlNames.PROTOCOL, "Response") || SamlXml.is(parent, SamlNames.ASSERTION, "Assertion");
    }

    private void collectIds(Element element) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            if (isIdLike(attribute) && !ids.add(attribute.getValue().strip())) {
                throw new AwsException(StsErrors.signatureRefused("more than one element has the ID "
                        + StsErrors.echo(attribute.getValue())));
            }
        }
    }

    private static boolean isIdLike(Attr attribute) {
        String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
        if (XML_NS.equals(attribute.getNamespaceURI())) {
            return "id".equals(name);
        }
        return name.equalsIgnoreCase("id") || name.equals("AssertionID");
    }
}
