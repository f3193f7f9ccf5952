package dev.stsbridge.verifier.saml;

import java.security.Key;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.AssertionEncryptionMode;
import dev.stsbridge.verifier.iam.ProviderPrivateKey;
import dev.stsbridge.verifier.iam.SamlProvider;
import dev.stsbridge.verifier.xml.HardenedParser;

/**
 * Step "decrypt": opens a {@code saml:EncryptedAssertion} with the provider's private keys (Santuario
 * {@link XMLCipher}); a provider whose {@code AssertionEncryptionMode} is {@code Required} refuses a plain one.
 * Data: AES-128/192/256 in GCM or CBC. Key transport: RSA-OAEP ({@code rsa-oaep-mgf1p} and xmlenc 1.1
 * {@code rsa-oaep}); RSA PKCS#1 v1.5 is refused (Bleichenbacher). Cipher values must be inline (a
 * {@code CipherReference} would make the verifier fetch a URI). Every failure gives one and the same message, so
 * that the verifier is no decryption oracle. The plaintext is parsed by the verifier's hardened parser.
 */
public final class AssertionDecrypter {
    static final String CANNOT_DECRYPT =
            "Invalid SAML response: the assertion cannot be decrypted with the provider's private keys";
    static final String ENCRYPTION_REQUIRED =
            "Invalid SAML response: the provider requires encrypted assertions (AssertionEncryptionMode Required)";

    private static final Set<String> DATA_ALGORITHMS = Set.of(XMLCipher.AES_128_GCM, XMLCipher.AES_192_GCM,
            XMLCipher.AES_256_GCM, XMLCipher.AES_128, XMLCipher.AES_192, XMLCipher.AES_256);
    private static final int MAX_ENCRYPTED_KEYS = 4;
    private static final Set<String> KEY_TRANSPORT = Set.of(XMLCipher.RSA_OAEP, XMLCipher.RSA_OAEP_11);

    static {
        Santuario.init();
    }

    /** The assertion in readable form, decrypting it if it came encrypted. */
    public OpenedResponse open(ParsedResponse parsed, SamlProvider provider) {
        if (!parsed.encrypted()) {
            if (provider.encryptionMode() == AssertionEncryptionMode.Required) {
                throw new AwsException(StsErrors.invalid(ENCRYPTION_REQUIRED));
            }
            return new OpenedResponse(parsed, parsed.assertion(), false);
        }
        Element encryptedData = single(parsed.assertion(), SamlNames.XENC, "EncryptedData");
        String dataAlgorithm = algorithm(encryptedData, DATA_ALGORITHMS);
        requireInlineCipherValue(encryptedData);
        for (ProviderPrivateKey privateKey : provider.privateKeys()) {
            for (Element encryptedKey : encryptedKeys(parsed.assertion(), encryptedData)) {
                Element assertion = tryDecrypt(parsed.document(), encryptedData, encryptedKey, dataAlgorithm,
                        privateKey.key());
                if (assertion != null) {
                    return new OpenedResponse(parsed, assertion, true);
                }
            }
        }
        throw cannotDecrypt();
    }

    private static List<Element> encryptedKeys(Element encryptedAssertion, Element encryptedData) {
        List<Element> keys = new ArrayList<>(SamlXml.children(encryptedAssertion, SamlNames.XENC, "EncryptedKey"));
        SamlXml.optionalChild(encryptedData, SamlNames.DSIG, "KeyInfo")
                .ifPresent(keyInfo -> keys.addAll(SamlXml.children(keyInfo, SamlNames.XENC, "EncryptedKey")));
        if (keys.isEmpty() || keys.size() > MAX_ENCRYPTED_KEYS) {
            throw cannotDecrypt(); // each candidate costs an RSA private-key operation per provider key
        }
        for (Element key : keys) {
            algorithm(key, KEY_TRANSPORT);
            requireInlineCipherValue(key);
        }
        return keys;
    }

    /** The decrypted Assertion, or {@code null} when this key does not open it (any cause: no oracle). */
    private static Element tryDecrypt(Document document, Element encryptedData, Element encryptedKey,
                                      String dataAlgorithm, Key privateKey) {
        try {
            XMLCipher unwrap = XMLCipher.getInstance();
            unwrap.init(XMLCipher.UNWRAP_MODE, privateKey);
            unwrap.setSecureValidation(true);
            EncryptedKey loaded = unwrap.loadEncryptedKey(document, encryptedKey);
            Key secret = unwrap.decryptKey(loaded, dataAlgorithm);
            XMLCipher decrypt = XMLCipher.getInstance();
            decrypt.init(XMLCipher.DECRYPT_MODE, secret);
            decrypt.setSecureValidation(true);
            byte[] plain = decrypt.decryptToByteArray(encryptedData);
            return assertionOf(plain);
        } catch (Exception | LinkageError e) {
            return null;
        }
    }

    private static Element assertionOf(byte[] plain) {
        Element root = HardenedParser.parse(plain).getDocumentElement();
        if (!SamlXml.is(root, SamlNames.ASSERTION, "Assertion")) {
            return null;
        }
        DocumentShape shape = DocumentShape.check(root);
        return shape.assertions() == 1 && shape.encryptedAssertions() == 0 ? root : null;
    }

    private static Element single(Element parent, String namespace, String localName) {
        List<Element> found = SamlXml.children(parent, namespace, localName);
        if (found.size() != 1) {
            throw cannotDecrypt();
        }
        return found.get(0);
    }

    private static String algorithm(Element encrypted, Set<String> allowed) {
        String algorithm = SamlXml.optionalChild(encrypted, SamlNames.XENC, "EncryptionMethod")
                .map(method -> method.getAttributeNS(null, "Algorithm")).orElse("");
        if (!allowed.contains(algorithm)) {
            throw new AwsException(StsErrors.invalid(
                    "Invalid SAML response: encryption algorithm not allowed: " + StsErrors.echo(algorithm)));
        }
        return algorithm;
    }

    private static void requireInlineCipherValue(Element encrypted) {
        Element cipherData = single(encrypted, SamlNames.XENC, "CipherData");
        if (SamlXml.children(cipherData, SamlNames.XENC, "CipherValue").size() != 1
                || !SamlXml.children(cipherData, SamlNames.XENC, "CipherReference").isEmpty()) {
            throw cannotDecrypt();
        }
    }

    private static AwsException cannotDecrypt() {
        return new AwsException(StsErrors.invalid(CANNOT_DECRYPT));
    }
}
