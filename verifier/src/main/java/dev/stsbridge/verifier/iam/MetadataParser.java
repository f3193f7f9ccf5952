package dev.stsbridge.verifier.iam;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeConstants;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import dev.stsbridge.verifier.xml.HardenedParser;
import dev.stsbridge.verifier.xml.UnsafeXmlException;

/**
 * Reads an IdP's SAML metadata document as IAM's CreateSAMLProvider / UpdateSAMLProvider do, and refuses what IAM
 * refuses: a byte-order mark or a declared encoding other than UTF-8; anything the hardened parser refuses (DTDs,
 * entities) or that is not well-formed; a root other than {@code md:EntityDescriptor} / {@code md:EntitiesDescriptor};
 * more than {@value #MAX_ENTITY_DESCRIPTORS} entity descriptors; no IdP entity ({@code md:IDPSSODescriptor}) or an
 * IdP entity without an entityID; no signing certificate; a certificate that does not parse, repeats an extension
 * (checked in the DER with Bouncy Castle) or has an RSA/DSA key under {@value #MIN_RSA_BITS} bits (EC: under
 * {@value #MIN_EC_BITS}); more than {@value #MAX_KEYS} distinct signing certificates; an unparseable
 * {@code validUntil}. Certificate expiry is not checked (AWS-SAML.md §0).
 */
public final class MetadataParser {

    /** IAM's message for every refused metadata document ({@code InvalidInput}). */
    public static final String AWS_MESSAGE = "Could not parse metadata";

    public static final int MAX_ENTITY_DESCRIPTORS = 10;
    public static final int MAX_KEYS = 10;
    public static final int MIN_RSA_BITS = 1024;
    public static final int MIN_EC_BITS = 256;

    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    private static final Pattern DECLARED_ENCODING =
            Pattern.compile("^<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']*)[\"']");

    /**
     * @throws InvalidMetadataException with the precise reason
     */
    public ParsedMetadata parse(String document) throws InvalidMetadataException {
        requireUtf8(document);
        Element root = parseXml(document).getDocumentElement();
        List<Element> entities = new ArrayList<>();
        collectEntities(root, entities);
        if (entities.size() > MAX_ENTITY_DESCRIPTORS) {
            throw new InvalidMetadataException(entities.size() + " entity descriptors; IAM takes at most "
                    + MAX_ENTITY_DESCRIPTORS);
        }
        Set<String> entityIds = new LinkedHashSet<>();
        Map<String, X509Certificate> certificates = new LinkedHashMap<>();
        for (Element entity : entities) {
            List<Element> idps = children(entity, MD, "IDPSSODescriptor");
            if (!idps.isEmpty()) {
                entityIds.add(entityId(entity));
                for (Element idp : idps) {
                    signingCertificates(idp, certificates);
                }
            }
        }
        requireKeys(entityIds, certificates);
        return new ParsedMetadata(entityIds, List.copyOf(certificates.values()), validUntil(root, entities));
    }

    private static void requireUtf8(String document) throws InvalidMetadataException {
        if (document.startsWith("\uFEFF")) {
            throw new InvalidMetadataException("the document starts with a byte-order mark; IAM needs UTF-8 without");
        }
        Matcher declared = DECLARED_ENCODING.matcher(document);
        if (declared.find() && !declared.group(1).equalsIgnoreCase("UTF-8")) {
            throw new InvalidMetadataException("the document declares encoding " + declared.group(1)
                    + "; IAM needs UTF-8");
        }
    }

    private static Document parseXml(String document) throws InvalidMetadataException {
        try {
            return HardenedParser.parse(document.getBytes(StandardCharsets.UTF_8));
        } catch (UnsafeXmlException e) {
            throw new InvalidMetadataException("not acceptable XML: " + e.getMessage(), e);
        }
    }

    private static void collectEntities(Element element, List<Element> entities) throws InvalidMetadataException {
        if (is(element, "EntityDescriptor")) {
            entities.add(element);
        } else if (is(element, "EntitiesDescriptor")) {
            for (Element child : children(element, MD, null)) {
                if (is(child, "EntityDescriptor") || is(child, "EntitiesDescriptor")) {
                    collectEntities(child, entities);
                }
            }
        } else {
            throw new InvalidMetadataException("the root element is {" + element.getNamespaceURI() + "}"
                    + element.getLocalName() + ", not md:EntityDescriptor or md:EntitiesDescriptor");
        }
    }

    private static String entityId(Element entity) throws InvalidMetadataException {
        String entityId = entity.getAttributeNS(null, "entityID").trim();
        if (entityId.isEmpty() || entityId.length() > 1024) {
            throw new InvalidMetadataException("an IdP EntityDescriptor has no entityID (or one over 1024 characters)");
        }
        return entityId;
    }

    private static void signingCertificates(Element idp, Map<String, X509Certificate> certificates)
            throws InvalidMetadataException {
        for (Element keyDescriptor : children(idp, MD, "KeyDescriptor")) {
            String use = keyDescriptor.getAttributeNS(null, "use");
            if (!use.isEmpty() && !"signing".equals(use)) {
                continue;
            }
            for (Element keyInfo : children(keyDescriptor, DS, "KeyInfo")) {
                for (Element data : children(keyInfo, DS, "X509Data")) {
                    for (Element certificate : children(data, DS, "X509Certificate")) {
                        String base64 = certificate.getTextContent().replaceAll("\\s+", "");
                        certificates.putIfAbsent(base64, certificate(base64, certificates.size() + 1));
                    }
                }
            }
        }
    }

    private static void requireKeys(Set<String> entityIds, Map<String, X509Certificate> certificates)
            throws InvalidMetadataException {
        if (entityIds.isEmpty()) {
            throw new InvalidMetadataException("no md:IDPSSODescriptor: this is not an identity provider's metadata");
        }
        if (certificates.isEmpty()) {
            throw new InvalidMetadataException("no signing certificate (KeyDescriptor use=\"signing\" or without use)");
        }
        if (certificates.size() > MAX_KEYS) {
            throw new InvalidMetadataException(certificates.size() + " signing certificates; IAM takes at most "
                    + MAX_KEYS);
        }
    }

    private static X509Certificate certificate(String base64, int number) throws InvalidMetadataException {
        byte[] der;
        try {
            der = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidMetadataException("certificate " + number + " is not base64", e);
        }
        requireUniqueExtensions(der, number);
        X509Certificate certificate;
        try {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | ClassCastException e) {
            throw new InvalidMetadataException("certificate " + number + " is not an X.509 certificate: "
                    + e.getMessage(), e);
        }
        requireKeySize(certificate.getPublicKey(), number);
        return certificate;
    }

    /** Walks the DER with Bouncy Castle: Certificate -> TBSCertificate -> [3] Extensions, OIDs must not repeat. */
    private static void requireUniqueExtensions(byte[] der, int number) throws InvalidMetadataException {
        try {
            ASN1Sequence tbs = ASN1Sequence.getInstance(ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der))
                    .getObjectAt(0));
            Set<ASN1ObjectIdentifier> seen = new HashSet<>();
            for (ASN1Encodable field : tbs) {
                if (field instanceof ASN1TaggedObject tagged && tagged.getTagNo() == 3) {
                    for (ASN1Encodable extension : ASN1Sequence.getInstance(tagged.getExplicitBaseObject())) {
                        ASN1ObjectIdentifier oid = ASN1ObjectIdentifier.getInstance(
                                ASN1Sequence.getInstance(extension).getObjectAt(0));
                        if (!seen.add(oid)) {
                            throw new InvalidMetadataException("certificate " + number + " repeats extension " + oid);
                        }
                    }
                }
            }
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            throw new InvalidMetadataException("certificate " + number + " is not DER: " + e.getMessage(), e);
        }
    }

    private static void requireKeySize(PublicKey key, int number) throws InvalidMetadataException {
        int bits;
        int minimum;
        if (key instanceof RSAPublicKey rsa) {
            bits = rsa.getModulus().bitLength();
            minimum = MIN_RSA_BITS;
        } else if (key instanceof DSAPublicKey dsa && dsa.getParams() != null) {
            bits = dsa.getParams().getP().bitLength();
            minimum = MIN_RSA_BITS;
        } else if (key instanceof ECPublicKey ec) {
            bits = ec.getParams().getCurve().getField().getFieldSize();
            minimum = MIN_EC_BITS;
        } else {
            throw new InvalidMetadataException("certificate " + number + " has an unsupported "
                    + key.getAlgorithm() + " key");
        }
        if (bits < minimum) {
            throw new InvalidMetadataException("certificate " + number + " has a " + bits + "-bit "
                    + key.getAlgorithm() + " key; IAM needs at least " + minimum + " bits");
        }
    }

    private static Optional<Instant> validUntil(Element root, List<Element> entities) throws InvalidMetadataException {
        String text = root.getAttributeNS(null, "validUntil");
        if (text.isEmpty() && !entities.isEmpty()) {
            text = entities.get(0).getAttributeNS(null, "validUntil");
        }
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            XMLGregorianCalendar calendar = DatatypeFactory.newInstance().newXMLGregorianCalendar(text.trim());
            if (calendar.getXMLSchemaType() != DatatypeConstants.DATETIME) {
                throw new IllegalArgumentException("not an xs:dateTime");
            }
            if (calendar.getTimezone() == DatatypeConstants.FIELD_UNDEFINED) {
                calendar.setTimezone(0);
            }
            return Optional.of(calendar.toGregorianCalendar().toInstant());
        } catch (IllegalArgumentException | IllegalStateException | DatatypeConfigurationException e) {
            throw new InvalidMetadataException("validUntil '" + text + "' is not an xs:dateTime", e);
        }
    }

    private static boolean is(Element element, String localName) {
        return MD.equals(element.getNamespaceURI()) && localName.equals(element.getLocalName());
    }

    /** Child elements in a namespace, with a local name (any when null). */
    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && namespace.equals(element.getNamespaceURI())
                    && (localName == null || localName.equals(element.getLocalName()))) {
                found.add(element);
            }
        }
        return found;
    }
}
