package dev.stsbridge.verifier.saml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.stsbridge.verifier.AwsException;

/**
 * Reads SAML elements and their text. Text values are read in full and refused when a comment, a processing
 * instruction or an element splits them: exclusive canonicalisation drops comments, so a signed
 * {@code admin@example.com.evil.test} stays valid after an attacker writes {@code admin@example.com<!---->.evil.test},
 * and a reader that takes the first text node would see {@code admin@example.com} (CVE-2017-11427 family).
 * We refuse such values outright rather than join them: no IdP emits them.
 */
public final class SamlXml {

    private SamlXml() {
    }

    /** The child elements of {@code parent} with this namespace and local name, in document order. */
    public static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (is(n, namespace, localName)) {
                found.add((Element) n);
            }
        }
        return found;
    }

    /** The only such child, if there is one; more than one is refused. */
    public static Optional<Element> optionalChild(Element parent, String namespace, String localName) {
        List<Element> found = children(parent, namespace, localName);
        if (found.size() > 1) {
            throw new AwsException(StsErrors.invalid("Invalid SAML response: more than one <" + localName
                    + "> in <" + parent.getLocalName() + ">"));
        }
        return found.stream().findFirst();
    }

    /** Whether {@code node} is an element with this namespace and local name. */
    public static boolean is(Node node, String namespace, String localName) {
        return node.getNodeType() == Node.ELEMENT_NODE && namespace.equals(node.getNamespaceURI())
                && localName.equals(node.getLocalName());
    }

    /** An attribute's value, if present (no namespace). */
    public static Optional<String> attribute(Element element, String name) {
        return element.hasAttributeNS(null, name) ? Optional.of(element.getAttributeNS(null, name)) : Optional.empty();
    }

    /**
     * The text of an element that may hold structured content instead (an attribute value such as
     * eduPersonTargetedID carries a NameID element): empty when it has child elements; comments are refused as in
     * {@link #text}.
     */
    public static Optional<String> simpleText(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                return Optional.empty();
            }
        }
        return Optional.of(text(element));
    }

    /**
     * The text of a simple element, trimmed. Refuses comments, processing instructions and child elements inside
     * the value (see the class comment).
     */
    public static String text(Element element) {
        StringBuilder text = new StringBuilder();
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> text.append(n.getNodeValue());
                case Node.COMMENT_NODE -> throw new AwsException(StsErrors.invalid(
                        "Invalid SAML response: a comment splits the value of <" + element.getLocalName() + ">"));
                default -> throw new AwsException(StsErrors.invalid(
                        "Invalid SAML response: <" + element.getLocalName() + "> must contain only text"));
            }
        }
        return text.toString().strip();
    }
}
