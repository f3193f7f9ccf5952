package dev.stsbridge.verifier.saml;

import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.signature.reference.ReferenceData;
import org.apache.xml.security.signature.reference.ReferenceSubTreeData;
import org.w3c.dom.Element;

import dev.stsbridge.verifier.AwsException;

/**
 * Step "verify the signature", structurally (the heart of XML-signature-wrapping resistance). The Assertion counts
 * as signed when it carries a valid signature of its own or when the Response that holds it does; when both are
 * signed both must verify. Each signature must be a direct child of the element it signs (the parser step refused
 * any other place), satisfy {@link SignatureProfile}, and verify with Santuario's secure validation under one of
 * the provider's metadata certificates (each is tried; KeyInfo in the message is never read). Only the {@code ID}
 * attribute of the signed element itself is registered as an XML ID, and IDs are unique in the document, so the
 * Reference can resolve to nothing but that element; after verification we still check that it did.
 */
public final class SignatureVerifier {

    static {
        Santuario.init();
    }

    public VerifiedAssertion verify(OpenedResponse opened, List<X509Certificate> certificates) {
        Element response = opened.parsed().response();
        Element assertion = opened.assertion();
        Optional<Element> responseSignature = signatureOf(response);
        Optional<Element> assertionSignature = signatureOf(assertion);
        if (responseSignature.isEmpty() && assertionSignature.isEmpty()) {
            throw new AwsException(StsErrors.signatureRefused("neither the Response nor the Assertion is signed"));
        }
        List<String> warnings = new ArrayList<>();
        responseSignature.ifPresent(signature -> warnings.addAll(check(response, signature, certificates)));
        assertionSignature.ifPresent(signature -> warnings.addAll(check(assertion, signature, certificates)));
        return new VerifiedAssertion(assertion, opened.decrypted(), opened.parsed().statusCode(), warnings);
    }

    private static Optional<Element> signatureOf(Element signed) {
        List<Element> signatures = SamlXml.children(signed, SamlNames.DSIG, "Signature");
        if (signatures.size() > 1) {
            throw new AwsException(StsErrors.signatureRefused(
                    "<" + signed.getLocalName() + "> has more than one Signature"));
        }
        return signatures.stream().findFirst();
    }

    private static List<String> check(Element signed, Element signature, List<X509Certificate> certificates) {
        String id = signed.getAttributeNS(null, "ID");
        if (id.isBlank()) {
            throw new AwsException(StsErrors.signatureRefused("the signed <" + signed.getLocalName() + "> has no ID"));
        }
        List<String> warnings = SignatureProfile.check(signature, id);
        signed.setIdAttributeNS(null, "ID", true);
        XMLSignature xmlSignature = load(signature);
        for (X509Certificate certificate : certificates) {
            if (verifies(xmlSignature, certificate.getPublicKey(), signed)) {
                return warnings;
            }
        }
        throw new AwsException(StsErrors.signatureInvalid());
    }

    private static XMLSignature load(Element signature) {
        try {
            return new XMLSignature(signature, "", true);
        } catch (XMLSecurityException | RuntimeException e) {
            throw new AwsException(StsErrors.signatureInvalid());
        }
    }

    /** Whether the signature verifies under {@code key} and the element its one Reference digested is {@code signed}. */
    private static boolean verifies(XMLSignature signature, PublicKey key, Element signed) {
        try {
            if (!signature.checkSignatureValue(key)) {
                return false;
            }
            ReferenceData digested = signature.getSignedInfo().item(0).getReferenceData();
            return digested instanceof ReferenceSubTreeData subTree && subTree.getRoot() == signed;
        } catch (XMLSecurityException | RuntimeException e) {
            return false;
        }
    }
}
