package dev.stsbridge.idp.web.portal;

import java.io.StringWriter;

import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;

import dev.stsbridge.xml.SecureXml;

/**
 * An indented copy of an XML document, for reading on the explain page only: indenting changes the signed bytes,
 * so the result never goes anywhere but the page (where it is HTML-escaped like any value). Parsed by
 * {@link SecureXml}.
 */
final class PrettyXml {

    private PrettyXml() {
    }

    static String print(byte[] xml) {
        Document document = SecureXml.parse(xml);
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(document), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot indent the response for display: " + e.getMessage(), e);
        }
    }
}
