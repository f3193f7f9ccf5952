package dev.stsbridge.verifier.xml;

import java.io.ByteArrayInputStream;
import java.io.IOException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The verifier's only way to turn bytes into a DOM. Refuses any DOCTYPE (hence every DTD, internal or
 * external entity and entity-expansion bomb), XInclude and external schema or DTD access; namespace-aware;
 * keeps comments, so that a comment inside a signed value is seen (and refused) rather than silently dropped.
 * No input can make it open a file or a network connection.
 */
public final class HardenedParser {

    private static final DocumentBuilderFactory FACTORY = factory();

    /**
     * One builder per thread, reset before each use: creating a builder re-reads the whole secure-processing
     * configuration and costs more than parsing a SAML response (measured in the verifier benchmark).
     */
    private static final ThreadLocal<DocumentBuilder> BUILDER = ThreadLocal.withInitial(HardenedParser::newBuilder);

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override public void warning(SAXParseException e) { }
        @Override public void error(SAXParseException e) throws SAXException { throw e; }
        @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
    };

    private HardenedParser() {
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setIgnoringComments(false);
        factory.setCoalescing(false);
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/dom/defer-node-expansion", false);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened: " + e.getMessage(), e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    /**
     * Parses a document.
     *
     * @throws UnsafeXmlException when the bytes are not well-formed XML or use a refused feature
     */
    public static Document parse(byte[] xml) {
        DocumentBuilder builder = BUILDER.get();
        try {
            builder.setErrorHandler(STRICT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entity refused: " + systemId);
            });
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXException | IOException e) {
            throw new UnsafeXmlException(e.getMessage() == null ? "not well-formed XML" : e.getMessage(), e);
        } finally {
            builder.reset(); // back to the factory's configuration, and the parsed document is not retained
        }
    }

    private static DocumentBuilder newBuilder() {
        try {
            return FACTORY.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot create an XML parser: " + e.getMessage(), e);
        }
    }

    /** An empty document to build into (for responses rendered by the verifier). */
    public static Document newDocument() {
        try {
            return FACTORY.newDocumentBuilder().newDocument();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot create an XML document: " + e.getMessage(), e);
        }
    }
}
