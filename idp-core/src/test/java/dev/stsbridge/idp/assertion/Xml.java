package dev.stsbridge.idp.assertion;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import javax.xml.namespace.NamespaceContext;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import dev.stsbridge.xml.SecureXml;

/** A parsed document (hardened parser) with namespace-aware XPath, for asserting on our output independently. */
final class Xml {

    static final Map<String, String> NAMESPACES = Map.of(
            "samlp", "urn:oasis:names:tc:SAML:2.0:protocol",
            "saml", "urn:oasis:names:tc:SAML:2.0:assertion",
            "ds", "http://www.w3.org/2000/09/xmldsig#",
            "xenc", "http://www.w3.org/2001/04/xmlenc#",
            "xenc11", "http://www.w3.org/2009/xmlenc11#",
            "ec", "http://www.w3.org/2001/10/xml-exc-c14n#");

    private final Document document;
    private final XPath xpath;

    private Xml(Document document) {
        this.document = document;
        this.xpath = XPathFactory.newInstance().newXPath();
        xpath.setNamespaceContext(new NamespaceContext() {
            @Override public String getNamespaceURI(String prefix) {
                return NAMESPACES.getOrDefault(prefix, "");
            }
            @Override public String getPrefix(String uri) {
                return null;
            }
            @Override public Iterator<String> getPrefixes(String uri) {
                return List.<String>of().iterator();
            }
        });
    }

    static Xml parse(byte[] xml) {
        return new Xml(SecureXml.parse(xml));
    }

    Document document() {
        return document;
    }

    /** The string value of an XPath expression ("" if it selects nothing). */
    String string(String expression) {
        try {
            return (String) xpath.evaluate(expression, document, XPathConstants.STRING);
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }

    int count(String expression) {
        return elements(expression).size();
    }

    boolean exists(String expression) {
        return !nodes(expression).isEmpty();
    }

    List<Element> elements(String expression) {
        List<Element> elements = new ArrayList<>();
        for (Node node : nodes(expression)) {
            elements.add((Element) node);
        }
        return elements;
    }

    Element element(String expression) {
        List<Element> elements = elements(expression);
        if (elements.size() != 1) {
            throw new AssertionError(expression + " selects " + elements.size() + " elements, expected 1");
        }
        return elements.get(0);
    }

    List<String> strings(String expression) {
        List<String> values = new ArrayList<>();
        for (Node node : nodes(expression)) {
            values.add(node.getTextContent());
        }
        return values;
    }

    /** Local names of the element children of the element selected by {@code expression}, in order. */
    List<String> childNames(String expression) {
        List<String> names = new ArrayList<>();
        for (Node child = element(expression).getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                names.add(child.getLocalName());
            }
        }
        return names;
    }

    private List<Node> nodes(String expression) {
        try {
            NodeList list = (NodeList) xpath.evaluate(expression, document, XPathConstants.NODESET);
            List<Node> nodes = new ArrayList<>(list.getLength());
            for (int i = 0; i < list.getLength(); i++) {
                nodes.add(list.item(i));
            }
            return nodes;
        } catch (XPathExpressionException e) {
            throw new IllegalArgumentException(expression, e);
        }
    }
}
