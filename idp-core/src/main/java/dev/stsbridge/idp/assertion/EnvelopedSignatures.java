package dev.stsbridge.idp.assertion;

import javax.xml.namespace.QName;

import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.KeyInfo;
import org.opensaml.xmlsec.signature.Signature;
import org.opensaml.xmlsec.signature.X509Certificate;
import org.opensaml.xmlsec.signature.X509Data;

import dev.stsbridge.keys.SigningKey;

/**
 * The one shape of the IdP's enveloped XML signatures (responses, assertions, logout messages): the key's algorithm
 * from {@link Algorithms}, exclusive canonicalization, and the signing certificate in {@code KeyInfo/X509Data}.
 */
final class EnvelopedSignatures {

    private EnvelopedSignatures() {
    }

    /** A signature element to set on a message before marshalling and {@code Signer.signObject}. */
    static Signature forKey(SigningKey key, BasicX509Credential credential, String certificateBase64) {
        Signature signature = build(Signature.DEFAULT_ELEMENT_NAME);
        signature.setSigningCredential(credential);
        signature.setSignatureAlgorithm(Algorithms.signatureFor(key.algorithm()).uri());
        signature.setCanonicalizationAlgorithm(Algorithms.C14N_EXCLUSIVE);
        X509Certificate x509 = build(X509Certificate.DEFAULT_ELEMENT_NAME);
        x509.setValue(certificateBase64);
        X509Data data = build(X509Data.DEFAULT_ELEMENT_NAME);
        data.getX509Certificates().add(x509);
        KeyInfo keyInfo = build(KeyInfo.DEFAULT_ELEMENT_NAME);
        keyInfo.getX509Datas().add(data);
        signature.setKeyInfo(keyInfo);
        return signature;
    }

    @SuppressWarnings("unchecked")
    private static <T extends XMLObject> T build(QName name) {
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilderOrThrow(name).buildObject(name);
    }
}
