package dev.stsbridge.verifier.testing;

import java.security.PublicKey;

import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;

import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.apache.xml.security.keys.KeyInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.verifier.saml.SamlNames;

/**
 * Encrypts an assertion into a {@code saml:EncryptedAssertion} as an IdP does for an encrypting IAM provider:
 * a fresh AES key for the data, wrapped to the provider's public key, placed inside the EncryptedData's KeyInfo.
 */
public record TestEncryption(PublicKey recipient, String dataAlgorithm, String keyTransport, int aesBits) {
    static {
        org.apache.xml.security.Init.init();
    }

    /** AES-256-GCM with RSA-OAEP-MGF1P, the interoperable default. */
    public static TestEncryption aes256Gcm(PublicKey recipient) {
        return new TestEncryption(recipient, XMLCipher.AES_256_GCM, XMLCipher.RSA_OAEP, 256);
    }

    void encrypt(Element assertion) {
        try {
            Document document = assertion.getOwnerDocument();
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(aesBits);
            SecretKey dataKey = generator.generateKey();
            XMLCipher keyCipher = XMLCipher.getInstance(keyTransport);
            keyCipher.init(XMLCipher.WRAP_MODE, recipient);
            EncryptedKey encryptedKey = keyCipher.encryptKey(document, dataKey);
            Element wrapper = document.createElementNS(SamlNames.ASSERTION, "saml:EncryptedAssertion");
            assertion.getParentNode().replaceChild(wrapper, assertion);
            wrapper.appendChild(assertion);
            XMLCipher dataCipher = XMLCipher.getInstance(dataAlgorithm);
            dataCipher.init(XMLCipher.ENCRYPT_MODE, dataKey);
            EncryptedData encryptedData = dataCipher.getEncryptedData();
            KeyInfo keyInfo = new KeyInfo(document);
            keyInfo.add(encryptedKey);
            encryptedData.setKeyInfo(keyInfo);
            dataCipher.doFinal(document, assertion, false);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
