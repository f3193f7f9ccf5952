package dev.stsbridge.tests.support;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.stsbridge.xml.SecureXml;

/** Reading a SAML response in tests (through the hardened parser), and tampering with one. */
public final class SamlXml {

    public static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";
    /** The prefix of AWS's attribute names, e.g. {@code AWS + "Role"}. */
    public static final String AWS = "https://aws.amazon.com/SAML/Attributes/";

    private SamlXml() {
    }

    public static Document parse(byte[] xml) {
        return SecureXml.parse(xml);
    }

    /** The response posted as {@code SAMLResponse} (base64). */
    public static Document decode(String samlResponse) {
        return parse(Base64.getDecoder().decode(samlResponse));
    }

    /** The values of the attribute named {@code AWS + suffix} (e.g. {@code "Role"}, {@code "PrincipalTag:team"}). */
    public static List<String> awsAttribute(Document response, String suffix) {
        List<String> values = new ArrayList<>();
        NodeList attributes = response.getElementsByTagNameNS(SAML, "Attribute");
        for (int i = 0; i < attributes.getLength(); i++) {
            Element attribute = (Element) attributes.item(i);
            if (attribute.getAttribute("Name").equals(AWS + suffix)) {
                NodeList items = attribute.getElementsByTagNameNS(SAML, "AttributeValue");
                for (int j = 0; j < items.getLength(); j++) {
                    values.add(items.item(j).getTextContent());
                }
            }
        }
        return values;
    }

    /** The assertion's Subject NameID element. */
    public static Element nameId(Document response) {
        return (Element) response.getElementsByTagNameNS(SAML, "NameID").item(0);
    }

    /** The assertion's Issuer text. */
    public static String assertionIssuer(Document response) {
        Element assertion = (Element) response.getElementsByTagNameNS(SAML, "Assertion").item(0);
        return assertion.getElementsByTagNameNS(SAML, "Issuer").item(0).getTextContent();
    }

    /**
     * The document with exactly one occurrence of {@code from} replaced by {@code to} (e.g. one character of a signed
     * attribute value flipped); fails unless {@code from} occurs exactly once.
     */
    public static byte[] tamper(byte[] xml, String from, String to) {
        String text = new String(xml, StandardCharsets.UTF_8);
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new AssertionError("expected exactly one '" + from + "' in the document");
        }
        return (text.substring(0, at) + to + text.substring(at + from.length())).getBytes(StandardCharsets.UTF_8);
    }

    /** {@link #tamper} on a base64 {@code SAMLResponse}, re-encoded. */
    public static String tamperBase64(String samlResponse, String from, String to) {
        return Base64.getEncoder().encodeToString(tamper(Base64.getDecoder().decode(samlResponse), from, to));
    }
}
