package dev.stsbridge.idp.assertion;

import java.security.cert.X509Certificate;

import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.saml2.core.Response;
import org.opensaml.saml.security.impl.SAMLSignatureProfileValidator;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.SignatureValidator;
import org.w3c.dom.Element;

import dev.stsbridge.xml.OpenSaml;
import dev.stsbridge.xml.SecureXml;

/** OpenSAML's side of the checks: unmarshal our bytes, validate the SAML signature profile and the signature. */
final class OpenSamlChecks {

    static {
        OpenSaml.initialize();
    }

    private OpenSamlChecks() {
    }

    static Response unmarshal(byte[] xml) {
        Element element = SecureXml.parse(xml).getDocumentElement();
        try {
            return (Response) XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(element)
                    .unmarshall(element);
        } catch (UnmarshallingException e) {
            throw new AssertionError("OpenSAML cannot unmarshal the response: " + e.getMessage(), e);
        }
    }

    /** Profile (one reference to the parent's ID, enveloped + exc-c14n only) then cryptographic validation. */
    static void validate(Signature signature, X509Certificate certificate) throws SignatureException {
        new SAMLSignatureProfileValidator().validate(signature);
        SignatureValidator.validate(signature, new BasicX509Credential(certificate));
    }
}
