package dev.stsbridge.xml;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.sax.SAXSource;
import javax.xml.transform.Source;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.XMLReader;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import net.shibboleth.utilities.java.support.component.ComponentInitializationException;
import net.shibboleth.utilities.java.support.xml.BasicParserPool;
import net.shibboleth.utilities.java.support.xml.ParserPool;

/**
 * Hardened XML parsing and exact serialisation. Every XML parser on the IdP side comes from here (a build check
 * bans {@code DocumentBuilderFactory.newInstance()} elsewhere).
 *
 * <p>Refused: any DOCTYPE (so no DTD, no internal or external entities, no billion laughs), XInclude, external
 * schemas and stylesheets. The parser is namespace-aware and does not coalesce or drop anything, so that a
 * signature computed over the parsed tree matches the bytes that were signed.
 */
public final class SecureXml {

    /** Xerces/JDK feature names; each one closes a door that XML leaves open by default. */
    private static final Map<String, Boolean> FEATURES = Map.of(
            "http://apache.org/xml/features/disallow-doctype-decl", true,
            "http://xml.org/sax/features/external-general-entities", false,
            "http://xml.org/sax/features/external-parameter-entities", false,
            "http://apache.org/xml/features/nonvalidating/load-external-dtd", false,
            XMLConstants.FEATURE_SECURE_PROCESSING, true);

    private static final ErrorHandler STRICT = new ErrorHandler() {
        @Override public void warning(SAXParseException e) { }
        @Override public void error(SAXParseException e) throws SAXException { throw e; }
        @Override public void fatalError(SAXParseException e) throws SAXException { throw e; }
    };

    private static final DocumentBuilderFactory FACTORY = hardenedFactory();
    private static final SAXParserFactory SAX_FACTORY = hardenedSaxFactory();

    private SecureXml() {
    }

    private static DocumentBuilderFactory hardenedFactory() {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setIgnoringComments(false);
        factory.setCoalescing(false);
        try {
            for (Map.Entry<String, Boolean> feature : FEATURES.entrySet()) {
                factory.setFeature(feature.getKey(), feature.getValue());
            }
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be hardened: " + e.getMessage(), e);
        }
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return factory;
    }

    private static SAXParserFactory hardenedSaxFactory() {
        SAXParserFactory factory = SAXParserFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setValidating(false);
        factory.setXIncludeAware(false);
        try {
            for (Map.Entry<String, Boolean> feature : FEATURES.entrySet()) {
                factory.setFeature(feature.getKey(), feature.getValue());
            }
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("the SAX parser cannot be hardened: " + e.getMessage(), e);
        }
        return factory;
    }

    /**
     * The bytes as a {@link SAXSource} read by a hardened SAX parser (same refusals as {@link #parse}), for
     * streaming consumers such as schema validation, whose errors then carry line numbers.
     */
    public static SAXSource saxSource(byte[] xml) {
        try {
            XMLReader reader = SAX_FACTORY.newSAXParser().getXMLReader();
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            reader.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            reader.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed: " + systemId);
            });
            return new SAXSource(reader, new InputSource(new ByteArrayInputStream(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("cannot create an XML parser: " + e.getMessage(), e);
        }
    }

    /**
     * Compiles a W3C XML Schema with no external access: every import and include goes to {@code resolver}, which
     * must hand out trusted (bundled) schemas and throw for anything else.
     */
    public static Schema newSchema(Source schema, LSResourceResolver resolver) throws SAXException {
        SchemaFactory factory = SchemaFactory.newDefaultInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setResourceResolver(resolver);
        factory.setErrorHandler(STRICT);
        return factory.newSchema(schema);
    }

    /**
     * Validates a document against {@code schema}, reading it with the hardened SAX parser (so errors carry line
     * numbers) and loading nothing the document names ({@code xsi:schemaLocation} included).
     *
     * @throws SAXParseException at the first parse or validation error
     */
    public static void validate(Schema schema, byte[] document, LSResourceResolver resolver) throws SAXException, IOException {
        Validator validator = schema.newValidator();
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        validator.setResourceResolver(resolver);
        validator.setErrorHandler(STRICT);
        validator.validate(saxSource(document));
    }

    /** A new hardened, namespace-aware document builder (builders are not thread-safe; factories are). */
    public static DocumentBuilder newDocumentBuilder() {
        try {
            DocumentBuilder builder = FACTORY.newDocumentBuilder();
            builder.setErrorHandler(STRICT);
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed: " + systemId);
            });
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("cannot create an XML parser: " + e.getMessage(), e);
        }
    }

    /** An empty document to build into. */
    public static Document newDocument() {
        return newDocumentBuilder().newDocument();
    }

    /**
     * Parses bytes with the hardened parser.
     *
     * @throws XmlParseException with a one-line reason (line and column where the parser gives them)
     */
    public static Document parse(byte[] xml) {
        try {
            return newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            throw new XmlParseException("not well-formed XML (line " + e.getLineNumber() + ", column "
                    + e.getColumnNumber() + "): " + firstLine(e.getMessage()), e);
        } catch (SAXException | IOException e) {
            throw new XmlParseException("not well-formed XML: " + firstLine(e.getMessage()), e);
        }
    }

    /**
     * An OpenSAML parser pool with the same hardening (OpenSAML's unmarshallers parse through it).
     */
    public static ParserPool newParserPool() {
        BasicParserPool pool = new BasicParserPool();
        pool.setNamespaceAware(true);
        pool.setIgnoreComments(false);
        pool.setCoalescing(false);
        pool.setExpandEntityReferences(false);
        pool.setXincludeAware(false);
        pool.setBuilderFeatures(FEATURES);
        pool.setBuilderAttributes(Map.of(
                XMLConstants.ACCESS_EXTERNAL_DTD, "",
                XMLConstants.ACCESS_EXTERNAL_SCHEMA, ""));
        try {
            pool.initialize();
        } catch (ComponentInitializationException e) {
            throw new IllegalStateException("cannot initialise the XML parser pool: " + e.getMessage(), e);
        }
        return pool;
    }

    /**
     * Serialises a node exactly as it is in the tree: UTF-8, no indentation, no added whitespace, with an XML
     * declaration for documents. Never pretty-print signed XML: it breaks the signature.
     */
    public static byte[] toBytes(Node node) {
        try {
            Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, node instanceof Document ? "no" : "yes");
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toByteArray();
        } catch (TransformerException e) {
            throw new IllegalStateException("cannot serialise XML: " + e.getMessage(), e);
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
