package dev.stsbridge.idp.web.sp;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.Deflater;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;
import dev.stsbridge.xml.SecureXml;

/** A SAML SP for tests: its metadata, and AuthnRequests in both bindings, signed with its own RSA-2048 key or not. */
public final class TestSp {

    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";

    public final String entityId;
    public final String acs;
    final SigningKey key;

    public TestSp(String entityId, String acs, Clock clock) {
        this.entityId = entityId;
        this.acs = acs;
        this.key = new SigningKeyGenerator(clock).generate(KeyAlgorithm.RSA_2048, entityId, Duration.ofDays(30));
    }

    public String metadata(boolean authnRequestsSigned) {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + entityId + "\">"
                + "<md:SPSSODescriptor AuthnRequestsSigned=\"" + authnRequestsSigned + "\" WantAssertionsSigned=\"true\""
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                + "<ds:X509Data><ds:X509Certificate>" + certificate() + "</ds:X509Certificate></ds:X509Data>"
                + "</ds:KeyInfo></md:KeyDescriptor>"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + acs + "\" index=\"0\" isDefault=\"true\"/>"
                + "<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\""
                + acs + "/second\" index=\"1\"/>"
                + "</md:SPSSODescriptor></md:EntityDescriptor>";
    }

    /** An AuthnRequest; {@code acsUrl} null for none. */
    public String request(String id, Instant issued, String issuer, String acsUrl, String destination) {
        return "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + id + "\" Version=\"2.0\" "
                + "IssueInstant=\"" + issued + "\" Destination=\"" + destination + "\""
                + (acsUrl == null ? "" : " AssertionConsumerServiceURL=\"" + acsUrl + "\"")
                + " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\">"
                + "<saml:Issuer>" + issuer + "</saml:Issuer></samlp:AuthnRequest>";
    }

    /** The HTTP-Redirect binding's query string, unsigned. */
    public static String redirectQuery(String xml, String relayState) {
        return "SAMLRequest=" + encode(Base64.getEncoder().encodeToString(deflate(xml.getBytes(StandardCharsets.UTF_8))))
                + (relayState == null ? "" : "&RelayState=" + encode(relayState));
    }

    /** The HTTP-Redirect binding's query string, signed with this SP's key (or {@code signer}'s). */
    String signedRedirectQuery(String xml, String relayState, SigningKey signer) throws Exception {
        String octets = redirectQuery(xml, relayState) + "&SigAlg=" + encode(RSA_SHA256);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(signer.privateKey());
        signature.update(octets.getBytes(StandardCharsets.UTF_8));
        return octets + "&Signature=" + encode(Base64.getEncoder().encodeToString(signature.sign()));
    }

    /** The XML with an enveloped signature (RSA-SHA256, exclusive c14n) by {@code signer}, after the Issuer. */
    static byte[] signEnveloped(String xml, String id, SigningKey signer) throws Exception {
        Document document = SecureXml.parse(xml.getBytes(StandardCharsets.UTF_8));
        Element root = document.getDocumentElement();
        root.setIdAttributeNS(null, "ID", true);
        XMLSignature signature = new XMLSignature(document, "", XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS);
        root.insertBefore(signature.getElement(), root.getFirstChild().getNextSibling());
        Transforms transforms = new Transforms(document);
        transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        signature.addDocument("#" + id, transforms, "http://www.w3.org/2001/04/xmlenc#sha256");
        signature.sign(signer.privateKey());
        return SecureXml.toBytes(document);
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        return out.toByteArray();
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private String certificate() {
        try {
            return Base64.getEncoder().encodeToString(key.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
