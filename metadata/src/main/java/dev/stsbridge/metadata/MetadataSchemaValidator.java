package dev.stsbridge.metadata;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.Map;

import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;

import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import dev.stsbridge.xml.SecureXml;

/**
 * Validates a document against the SAML 2.0 metadata schema (with the XML signature, XML encryption, SAML
 * assertion and {@code xml:} schemas it imports). The schemas are the copies OpenSAML's jars ship; a resource
 * resolver hands them out by namespace and refuses everything else, so validation never reaches the network.
 * The document itself is read by {@link SecureXml}'s hardened parser, so errors name the line.
 */
public final class MetadataSchemaValidator {

    static final String METADATA_NS = "urn:oasis:names:tc:SAML:2.0:metadata";

    /** Namespace -> the schema OpenSAML bundles for it (classpath resource). */
    private static final Map<String, String> BUNDLED = Map.of(
            METADATA_NS, "schema/saml-schema-metadata-2.0.xsd",
            "urn:oasis:names:tc:SAML:2.0:assertion", "schema/saml-schema-assertion-2.0.xsd",
            "http://www.w3.org/2000/09/xmldsig#", "schema/xmldsig-core-schema.xsd",
            "http://www.w3.org/2001/04/xmlenc#", "schema/xenc-schema.xsd",
            javax.xml.XMLConstants.XML_NS_URI, "schema/xml.xsd");

    /**
     * @throws MetadataException {@link MetadataException.Kind#NOT_WELL_FORMED} if the bytes are not XML (or carry
     *     a DTD), {@link MetadataException.Kind#SCHEMA_INVALID} naming the line and the problem otherwise
     */
    public void validate(byte[] document) {
        try {
            SecureXml.validate(SCHEMA, document, BUNDLED_ONLY);
        } catch (SAXParseException e) {
            MetadataException.Kind kind = isSchemaMessage(e) ? MetadataException.Kind.SCHEMA_INVALID
                    : MetadataException.Kind.NOT_WELL_FORMED;
            String what = kind == MetadataException.Kind.SCHEMA_INVALID ? "not valid SAML metadata" : "not well-formed XML";
            throw new MetadataException(kind, what + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber()
                    + "): " + e.getMessage(), e);
        } catch (SAXException | IOException e) {
            throw new MetadataException(MetadataException.Kind.NOT_WELL_FORMED, "not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Schema violations carry the spec's constraint code ({@code cvc-...}); parse errors do not. */
    private static boolean isSchemaMessage(SAXParseException e) {
        return e.getMessage() != null && e.getMessage().startsWith("cvc-");
    }

    private static Schema loadSchema() {
        try {
            return SecureXml.newSchema(new StreamSource(open(BUNDLED.get(METADATA_NS))), BUNDLED_ONLY);
        } catch (SAXException e) {
            throw new IllegalStateException("the bundled SAML metadata schema does not load: " + e.getMessage(), e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = MetadataSchemaValidator.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("the schema " + resource + " is not on the class path (OpenSAML's jars ship it)");
        }
        return in;
    }

    /** Hands out bundled schemas by namespace; anything else is refused rather than fetched. */
    private static final LSResourceResolver BUNDLED_ONLY = (type, namespace, publicId, systemId, baseUri) -> {
        String resource = namespace == null ? null : BUNDLED.get(namespace);
        if (resource == null) {
            throw new IllegalArgumentException("refusing to load " + systemId + " (namespace " + namespace
                    + "): only the bundled schemas are used");
        }
        return new BundledInput(publicId, "bundled:" + resource, open(resource));
    };

    /** Declared after the resolver it uses (static fields initialise in order). */
    private static final Schema SCHEMA = loadSchema();

    /** A schema from the class path; its system ID only names it (Xerces tells schema documents apart by it). */
    private record BundledInput(String publicId, String systemId, InputStream byteStream) implements LSInput {
        @Override public InputStream getByteStream() { return byteStream; }
        @Override public String getPublicId() { return publicId; }
        @Override public Reader getCharacterStream() { return null; }
        @Override public String getStringData() { return null; }
        @Override public String getSystemId() { return systemId; }
        @Override public String getBaseURI() { return null; }
        @Override public String getEncoding() { return null; }
        @Override public boolean getCertifiedText() { return false; }
        @Override public void setCharacterStream(Reader characterStream) { }
        @Override public void setByteStream(InputStream stream) { }
        @Override public void setStringData(String stringData) { }
        @Override public void setSystemId(String systemId) { }
        @Override public void setPublicId(String id) { }
        @Override public void setBaseURI(String baseURI) { }
        @Override public void setEncoding(String encoding) { }
        @Override public void setCertifiedText(boolean certifiedText) { }
    }
}
