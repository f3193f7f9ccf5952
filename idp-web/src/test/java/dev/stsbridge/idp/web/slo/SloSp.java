package dev.stsbridge.idp.web.slo;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;
import dev.stsbridge.xml.SecureXml;

/**
 * A SAML SP with single logout, for tests: its metadata (SingleLogoutService with one binding, or none), its
 * AuthnRequests, and LogoutRequests and LogoutResponses in both bindings, signed with its own RSA-2048 key (or
 * another one), or unsigned. Written by hand, so that each hostile fixture can break one rule.
 */
final class SloSp {

    static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";
    static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";

    final String entityId;
    final String acs;
    final String slo;
    final SigningKey key;

    SloSp(String host, Clock clock) {
        this.entityId = "https://" + host + "/saml";
        this.acs = "https://" + host + "/acs";
        this.slo = "https://" + host + "/slo";
        this.key = new SigningKeyGenerator(clock).generate(KeyAlgorithm.RSA_2048, entityId, Duration.ofDays(30));
    }

    /** Metadata with a SingleLogoutService of {@code sloBinding} (responses to {@code <slo>/response}), or none. */
    String metadata(String sloBinding) {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" entityID=\"" + entityId + "\">"
                + "<md:SPSSODescriptor AuthnRequestsSigned=\"false\" WantAssertionsSigned=\"true\""
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">"
                + "<ds:X509Data><ds:X509Certificate>" + certificate(key.certificate()) + "</ds:X509Certificate>"
                + "</ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + (sloBinding == null ? "" : "<md:SingleLogoutService Binding=\"" + sloBinding + "\" Location=\"" + slo
                + "\" ResponseLocation=\"" + slo + "/response\"/>")
                + "<md:AssertionConsumerService Binding=\"" + POST + "\" Location=\"" + acs
                + "\" index=\"0\" isDefault=\"true\"/>"
                + "</md:SPSSODescriptor></md:EntityDescriptor>";
    }

    String authnRequest(String id, Instant issued, String destination) {
        return "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + id + "\" Version=\"2.0\" "
                + "IssueInstant=\"" + issued + "\" Destination=\"" + destination + "\" AssertionConsumerServiceURL=\""
                + acs + "\" ProtocolBinding=\"" + POST + "\"><saml:Issuer>" + entityId + "</saml:Issuer>"
                + "</samlp:AuthnRequest>";
    }

    /** A LogoutRequest; {@code notOnOrAfter} and {@code sessionIndex} null for none. */
    static String logoutRequest(String id, Instant issued, String issuer, String destination, String nameId,
                                String format, String sessionIndex, Instant notOnOrAfter) {
        return "<samlp:LogoutRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + id + "\" Version=\"2.0\" "
                + "IssueInstant=\"" + issued + "\" Destination=\"" + destination + "\""
                + (notOnOrAfter == null ? "" : " NotOnOrAfter=\"" + notOnOrAfter + "\"") + ">"
                + "<saml:Issuer>" + issuer + "</saml:Issuer>"
                + "<saml:NameID Format=\"" + format + "\">" + nameId + "</saml:NameID>"
                + (sessionIndex == null ? "" : "<samlp:SessionIndex>" + sessionIndex + "</samlp:SessionIndex>")
                + "</samlp:LogoutRequest>";
    }

    static String logoutResponse(String id, Instant issued, String issuer, String destination, String inResponseTo,
                                 String status) {
        return "<samlp:LogoutResponse xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" "
                + "xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + id + "\" Version=\"2.0\" "
                + "IssueInstant=\"" + issued + "\" Destination=\"" + destination + "\" InResponseTo=\""
                + inResponseTo + "\"><saml:Issuer>" + issuer + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"" + status + "\"/></samlp:Status></samlp:LogoutResponse>";
    }

    /** The HTTP-Redirect binding's query, unsigned. */
    static String redirectQuery(String parameter, String xml, String relayState) {
        return parameter + "=" + encode(Base64.getEncoder().encodeToString(deflate(xml.getBytes(StandardCharsets.UTF_8))))
                + (relayState == null ? "" : "&RelayState=" + encode(relayState));
    }

    /** The HTTP-Redirect binding's query, signed by {@code signer}. */
    static String signedRedirectQuery(String parameter, String xml, String relayState, SigningKey signer)
            throws Exception {
        String octets = redirectQuery(parameter, xml, relayState) + "&SigAlg=" + encode(RSA_SHA256);
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(signer.privateKey());
        signature.update(octets.getBytes(StandardCharsets.UTF_8));
        return octets + "&Signature=" + encode(Base64.getEncoder().encodeToString(signature.sign()));
    }

    /** The base64 of the XML with an enveloped signature (RSA-SHA256, exclusive c14n) by {@code signer}. */
    static String signedPost(String xml, String id, SigningKey signer) throws Exception {
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
        return Base64.getEncoder().encodeToString(SecureXml.toBytes(document));
    }

    /** The raw query parameters of a URL (not decoded), in order. */
    static Map<String, String> rawQuery(String url) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
            int equals = pair.indexOf('=');
            parameters.put(pair.substring(0, equals), pair.substring(equals + 1));
        }
        return parameters;
    }

    /** Whether the HTTP-Redirect query of {@code url} is signed by {@code certificate} (bindings §3.4.4.1). */
    static boolean querySignatureValid(String url, X509Certificate certificate, String parameter) throws Exception {
        Map<String, String> raw = rawQuery(url);
        String octets = parameter + "=" + raw.get(parameter)
                + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "")
                + "&SigAlg=" + raw.get("SigAlg");
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initVerify(certificate.getPublicKey());
        signature.update(octets.getBytes(StandardCharsets.UTF_8));
        return decode(raw.get("SigAlg")).equals(RSA_SHA256)
                && signature.verify(Base64.getDecoder().decode(decode(raw.get("Signature"))));
    }

    /** The XML of a message in an HTTP-Redirect URL. */
    static Document redirectMessage(String url, String parameter) throws Exception {
        byte[] deflated = Base64.getDecoder().decode(decode(rawQuery(url).get(parameter)));
        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        while (!inflater.finished()) {
            out.write(buffer, 0, inflater.inflate(buffer));
        }
        inflater.end();
        return SecureXml.parse(out.toByteArray());
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

    static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    static String certificate(X509Certificate certificate) {
        try {
            return Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
