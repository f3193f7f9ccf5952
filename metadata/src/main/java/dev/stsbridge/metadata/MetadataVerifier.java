package dev.stsbridge.metadata;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.utils.Constants;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.stsbridge.metadata.MetadataException.Kind;
import dev.stsbridge.keys.Certificates;
import dev.stsbridge.xml.OpenSaml;
import dev.stsbridge.xml.SecureXml;
import dev.stsbridge.xml.XmlParseException;

/**
 * Verifies a signed metadata document, as Shibboleth's {@code xmlsectool --verifySignature} does, and checks it
 * against AWS's upload rules. The signature is checked with the trusted certificates only (given by the
 * caller); the certificate in the document's KeyInfo is never trusted, only named in the error when it is the
 * one that signed.
 */
public final class MetadataVerifier {

    private final MetadataSchemaValidator schema = new MetadataSchemaValidator();
    private final AwsUploadRules awsRules;

    public MetadataVerifier(Clock clock) {
        OpenSaml.initialize();
        this.awsRules = new AwsUploadRules(clock);
    }

    /**
     * @param document the document's bytes, exactly as they will be uploaded
     * @param trusted the certificates whose keys may have signed it
     * @throws MetadataException naming the first problem found, in this order: not well-formed, schema-invalid,
     *     signature missing or invalid, AWS upload rule broken
     */
    public VerifiedMetadata verify(byte[] document, List<X509Certificate> trusted) {
        if (trusted.isEmpty()) {
            throw new MetadataException(Kind.UNUSABLE, "no trusted certificates to verify the signature with");
        }
        Document parsed = parse(document);
        schema.validate(document);
        Element signatureElement = SignatureProfile.check(parsed);
        X509Certificate signer = verifySignature(signatureElement, trusted);
        AwsUploadReport report = awsRules.check(document);
        if (!report.acceptable()) {
            throw new MetadataException(Kind.AWS_RULE_BROKEN, "AWS would refuse this metadata: "
                    + report.violations().stream().map(AwsUploadFinding::message).collect(Collectors.joining("; ")));
        }
        return new VerifiedMetadata(parsed, parsed.getDocumentElement().getAttributeNS(null, "entityID"), signer,
                report.warnings());
    }

    private static Document parse(byte[] document) {
        try {
            return SecureXml.parse(document);
        } catch (XmlParseException e) {
            throw new MetadataException(Kind.NOT_WELL_FORMED, e.getMessage(), e);
        }
    }

    private static X509Certificate verifySignature(Element signatureElement, List<X509Certificate> trusted) {
        try {
            XMLSignature signature = new XMLSignature(signatureElement, "", true);
            if (!signature.getSignedInfo().verify()) {
                throw new MetadataException(Kind.SIGNATURE_INVALID, "the signed content was changed after signing:"
                        + " the digest of Reference '" + signature.getSignedInfo().item(0).getURI() + "' does not match");
            }
        } catch (XMLSecurityException e) {
            throw new MetadataException(Kind.SIGNATURE_INVALID, "the signature cannot be processed: " + e.getMessage(), e);
        }
        for (X509Certificate certificate : trusted) {
            if (verifiesWith(signatureElement, certificate)) {
                return certificate;
            }
        }
        Optional<X509Certificate> embedded = keyInfoCertificate(signatureElement);
        if (embedded.isPresent() && verifiesWith(signatureElement, embedded.get())) {
            throw new MetadataException(Kind.SIGNATURE_INVALID, "signed by a certificate that is not trusted ("
                    + embedded.get().getSubjectX500Principal().getName() + ", SHA-256 "
                    + Certificates.sha256Fingerprint(embedded.get()) + ")");
        }
        throw new MetadataException(Kind.SIGNATURE_INVALID, "the SignatureValue does not verify with "
                + (trusted.size() == 1 ? "the trusted certificate" : "any of the " + trusted.size() + " trusted certificates"));
    }

    /**
     * A fresh {@link XMLSignature} per key: a JCA {@code Signature} that refused a key of the wrong type cannot be
     * reused. A key of the wrong type is not a match, not an error.
     */
    private static boolean verifiesWith(Element signatureElement, X509Certificate certificate) {
        try {
            return new XMLSignature(signatureElement, "", true).checkSignatureValue(certificate.getPublicKey());
        } catch (XMLSecurityException | RuntimeException wrongKeyType) {
            return false;
        }
    }

    /** The certificate in the signature's KeyInfo, for the error message only. */
    private static Optional<X509Certificate> keyInfoCertificate(Element signatureElement) {
        NodeList certificates = signatureElement.getElementsByTagNameNS(Constants.SignatureSpecNS, "X509Certificate");
        if (certificates.getLength() == 0) {
            return Optional.empty();
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(certificates.item(0).getTextContent().strip());
            return Optional.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der)));
        } catch (CertificateException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The result of a successful verification. */
    public record VerifiedMetadata(Document document, String entityId, X509Certificate signer,
                                   List<AwsUploadFinding> warnings) {
        public VerifiedMetadata {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(entityId, "entityId");
            Objects.requireNonNull(signer, "signer");
            warnings = List.copyOf(warnings);
        }
    }
}
