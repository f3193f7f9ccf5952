package dev.stsbridge.idp.assertion;

import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.Objects;

import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.core.xml.XMLObject;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.Signer;

import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.xml.OpenSaml;
import dev.stsbridge.xml.SecureXml;

/**
 * The reference signer: OpenSAML 4 marshalling and Apache Santuario signing, exactly as the OpenSAML documentation
 * does it (sign the assertion, add it to the response, then sign the response). {@link ResponseSigner} must produce
 * the same signed XML; the tests prove it against this class and the benchmark compares their speed. Santuario
 * computes signatures with the JDK's providers (the per-call provider choice of {@code CryptoProviders} does not
 * reach inside it). KeyInfo carries the certificate as one unbroken base64 line (OpenSAML's own KeyInfo generator
 * breaks it every 76 characters), as the lean path writes it.
 */
public final class OpenSamlResponseSigner {

    private final SigningKey key;
    private final SigningMode mode;
    private final BasicX509Credential credential;
    private final String certificate;

    public OpenSamlResponseSigner(SigningKey key, SigningMode mode) {
        OpenSaml.initialize();
        this.key = Objects.requireNonNull(key, "key");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.credential = new BasicX509Credential(key.certificate(), key.privateKey());
        try {
            this.certificate = Base64.getEncoder().encodeToString(key.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the certificate of " + key.id(), e);
        }
    }

    public SignedResponse sign(AwsResponse unsigned) {
        ResponseContent content = unsigned.content();
        Response response = OpenSamlResponses.envelope(content);
        Assertion assertion = OpenSamlResponses.assertion(content);
        try {
            if (mode.signsAssertion()) {
                Signature signature = newSignature();
                assertion.setSignature(signature);
                marshal(assertion);
                Signer.signObject(signature);
            }
            response.getAssertions().add(assertion);
            if (mode.signsResponse()) {
                Signature signature = newSignature();
                response.setSignature(signature);
                marshal(response);
                Signer.signObject(signature);
            } else {
                marshal(response);
            }
        } catch (MarshallingException | SignatureException e) {
            throw new IllegalStateException("cannot sign response " + content.responseId() + ": " + e.getMessage(), e);
        }
        byte[] xml = SecureXml.toBytes(response.getDOM().getOwnerDocument());
        return new SignedResponse(xml, content.responseId(), content.assertionId(), false);
    }

    private Signature newSignature() {
        return EnvelopedSignatures.forKey(key, credential, certificate);
    }

    private static void marshal(XMLObject object) throws MarshallingException {
        XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(object).marshall(object);
    }
}
