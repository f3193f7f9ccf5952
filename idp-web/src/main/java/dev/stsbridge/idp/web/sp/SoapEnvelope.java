package dev.stsbridge.idp.web.sp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.stsbridge.idp.assertion.SignedResponse;
import dev.stsbridge.idp.web.http.HttpError;

/**
 * SOAP 1.1 envelopes of the SAML SOAP binding as the ECP profile uses it (SAML 2.0 profiles §4.2.4.3 and §4.2.4.4):
 * reading the one element of a request's {@code Body}, and writing a response (the {@code ecp:Response} header naming
 * the ACS URL, the signed {@code samlp:Response} in the body, its bytes unchanged) or a SOAP fault.
 */
final class SoapEnvelope {

    static final String SOAP_NS = "http://schemas.xmlsoap.org/soap/envelope/";
    static final String ECP_NS = "urn:oasis:names:tc:SAML:2.0:profiles:SSO:ecp";
    static final String ACTOR_NEXT = "http://schemas.xmlsoap.org/soap/actor/next";

    private SoapEnvelope() {
    }

    /** The single element child of the envelope's {@code S:Body}. */
    static Element bodyElement(Document document) {
        Element envelope = document.getDocumentElement();
        if (!isSoap(envelope, "Envelope")) {
            throw HttpError.badRequest("The request is not a SOAP 1.1 envelope (it is <" + envelope.getTagName()
                    + ">).");
        }
        List<Element> parts = children(envelope);
        Element body = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        boolean headerFirst = parts.size() == 1 || parts.size() == 2 && isSoap(parts.get(0), "Header");
        if (body == null || !isSoap(body, "Body") || !headerFirst) {
            throw HttpError.badRequest("The SOAP envelope must hold an optional S:Header and then one S:Body.");
        }
        List<Element> content = children(body);
        if (content.size() != 1) {
            throw HttpError.badRequest("The SOAP Body must hold exactly one element (it holds " + content.size()
                    + ").");
        }
        return content.get(0);
    }

    /** The ECP response: {@code ecp:Response} (mustUnderstand, actor next) with the ACS URL, the response in the body. */
    static byte[] response(String assertionConsumerServiceUrl, SignedResponse response) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<S:Envelope xmlns:S=\"" + SOAP_NS + "\"><S:Header>"
                + "<ecp:Response xmlns:ecp=\"" + ECP_NS + "\" S:mustUnderstand=\"1\" S:actor=\"" + ACTOR_NEXT
                + "\" AssertionConsumerServiceURL=\"" + attribute(assertionConsumerServiceUrl) + "\"/>"
                + "</S:Header><S:Body>" + withoutDeclaration(response.xmlText()) + "</S:Body></S:Envelope>")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A SOAP 1.1 fault: {@code S:Client} (the request is at fault) or {@code S:Server}, with one line of reason. */
    static byte[] fault(boolean clientFault, String reason) {
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<S:Envelope xmlns:S=\"" + SOAP_NS + "\"><S:Body><S:Fault>"
                + "<faultcode>S:" + (clientFault ? "Client" : "Server") + "</faultcode>"
                + "<faultstring>" + text(reason) + "</faultstring>"
                + "</S:Fault></S:Body></S:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    private static String withoutDeclaration(String xml) {
        if (xml.startsWith("<?xml")) {
            int end = xml.indexOf("?>");
            return xml.substring(end + 2);
        }
        return xml;
    }

    private static boolean isSoap(Element element, String localName) {
        return SOAP_NS.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                elements.add((Element) child);
            } else if (child.getNodeType() == Node.TEXT_NODE && !child.getNodeValue().isBlank()) {
                throw HttpError.badRequest("The SOAP envelope has text outside its elements.");
            }
        }
        return elements;
    }

    private static String text(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attribute(String value) {
        return text(value).replace("\"", "&quot;");
    }
}
