package dev.stsbridge.idp.web.sp;

import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.stsbridge.idp.web.http.HttpError;

/**
 * Checks an AuthnRequest's signature against the SP's registered signing certificates only (never a key from the
 * message). HTTP-Redirect: the {@code Signature} over the raw query octets, with the {@code SigAlg} named there.
 * HTTP-POST: the enveloped XML signature, after the structural rules that close the door on signature wrapping:
 * exactly one {@code ds:Signature} in the document, a direct child of the AuthnRequest; every ID unique; OpenSAML's
 * SAML signature profile (one Reference whose URI is the request's ID, only enveloped + exclusive c14n transforms);
 * accepted algorithms only (RSA or ECDSA with SHA-256/384/512 and SHA-2 digests; SHA-1 and HMAC refused).
 */
public final class RequestSignatures {

    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String MORE = "http://www.w3.org/2001/04/xmldsig-more#";
    private static final Map<String, String> JCA = Map.of(
            MORE + "rsa-sha256", "SHA256withRSA", MORE + "rsa-sha384", "SHA384withRSA",
            MORE + "rsa-sha512", "SHA512withRSA", MORE + "ecdsa-sha256", "SHA256withECDSAinP1363Format",
            MORE + "ecdsa-sha384", "SHA384withECDSAinP1363Format", MORE + "ecdsa-sha512", "SHA512withECDSAinP1363Format");
    private static final Set<String> DIGESTS = Set.of("http://www.w3.org/2001/04/xmlenc#sha256",
            MORE + "sha384", "http://www.w3.org/2001/04/xmlenc#sha512");

    private RequestSignatures() {
    }

    /** The HTTP-Redirect binding's query-string signature. */
    static void verifyQuery(InboundRequest.QuerySignature signature, List<X509Certificate> certificates) {
        verifyQuery(signature, certificates, "AuthnRequest");
    }

    /** The same for another message ({@code what}: e.g. {@code LogoutRequest}), named in the refusal. */
    public static void verifyQuery(InboundRequest.QuerySignature signature, List<X509Certificate> certificates,
                                   String what) {
        String jca = algorithm(signature.algorithm(), what);
        for (X509Certificate certificate : certificates) {
            try {
                Signature verifier = Signature.getInstance(jca);
                verifier.initVerify(certificate.getPublicKey());
                verifier.update(signature.signedOctets());
                if (verifier.verify(signature.signature())) {
                    return;
                }
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                // wrong key type for this algorithm, or a malformed signature value: try the next certificate
            }
        }
        throw invalid(what, "it does not verify with the service provider's registered signing certificates");
    }

    /**
     * The enveloped signature of an HTTP-POST (or SOAP) AuthnRequest: {@code root} is its element (the document's
     * root, or the SOAP body's child), {@code request} its OpenSAML object.
     */
    static void verifyEnveloped(Document document, Element root, org.opensaml.saml.saml2.core.AuthnRequest request,
                                List<X509Certificate> certificates) {
        verifyEnveloped(document, root, request, certificates, "AuthnRequest");
    }

    /** The same for another signed message ({@code what}: its element name, e.g. {@code LogoutRequest}). */
    public static void verifyEnveloped(Document document, Element root, SignableSAMLObject request,
                                       List<X509Certificate> certificates, String what) {
        NodeList all = document.getElementsByTagNameNS(DS, "Signature");
        if (all.getLength() != 1 || all.item(0).getParentNode() != root || request.getSignature() == null) {
            throw invalid(what, "exactly one ds:Signature is allowed, as a direct child of the " + what
                    + " (found " + all.getLength() + ")");
        }
        uniqueIds(document, what);
        org.opensaml.xmlsec.signature.Signature signature = request.getSignature();
        algorithm(signature.getSignatureAlgorithm(), what);
        digests(root, what);
        try {
            new SAMLSignatureProfileValidator().validate(signature);
        } catch (SignatureException e) {
            throw invalid(what, e.getMessage());
        }
        for (X509Certificate certificate : certificates) {
            try {
                SignatureValidator.validate(signature, new BasicX509Credential(certificate));
                return;
            } catch (SignatureException e) {
                // not this key: try the next one
            }
        }
        throw invalid(what, "it does not verify with the service provider's registered signing certificates");
    }

    private static String algorithm(String uri, String what) {
        String jca = JCA.get(uri);
        if (jca == null) {
            throw invalid(what, "the signature algorithm " + uri + " is not accepted (use RSA or ECDSA with SHA-256, "
                    + "SHA-384 or SHA-512)");
        }
        return jca;
    }

    private static void digests(Element root, String what) {
        NodeList methods = root.getElementsByTagNameNS(DS, "DigestMethod");
        for (int i = 0; i < methods.getLength(); i++) {
            String digest = ((Element) methods.item(i)).getAttributeNS(null, "Algorithm");
            if (!DIGESTS.contains(digest)) {
                throw invalid(what, "the digest algorithm " + digest + " is not accepted (use SHA-256, SHA-384 or SHA-512)");
            }
        }
    }

    private static void uniqueIds(Document document, String what) {
        Map<String, Integer> seen = new HashMap<>();
        NodeList elements = document.getElementsByTagName("*");
        for (int i = 0; i < elements.getLength(); i++) {
            Element element = (Element) elements.item(i);
            if (element.hasAttributeNS(null, "ID")
                    && seen.merge(element.getAttributeNS(null, "ID"), 1, Integer::sum) > 1) {
                throw invalid(what, "the ID '" + element.getAttributeNS(null, "ID") + "' appears more than once");
            }
        }
    }

    private static HttpError invalid(String what, String reason) {
        return HttpError.badRequest("The " + what + "'s signature is not valid: " + reason + ".");
    }
}
