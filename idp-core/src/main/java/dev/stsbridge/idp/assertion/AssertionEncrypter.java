package dev.stsbridge.idp.assertion;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.interfaces.RSAPublicKey;
import java.security.cert.X509Certificate;
import java.util.Objects;

import org.apache.xml.security.c14n.CanonicalizationException;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.c14n.InvalidCanonicalizerException;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.saml2.core.Assertion;
import org.opensaml.saml.saml2.core.EncryptedAssertion;
import org.opensaml.saml.saml2.encryption.Encrypter;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.encryption.support.DataEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.EncryptionConstants;
import org.opensaml.xmlsec.encryption.support.EncryptionException;
import org.opensaml.xmlsec.encryption.support.KeyEncryptionParameters;
import org.opensaml.xmlsec.encryption.support.RSAOAEPParameters;
import org.opensaml.xmlsec.keyinfo.impl.X509KeyInfoGeneratorFactory;
import org.opensaml.xmlsec.signature.support.SignatureConstants;
import org.w3c.dom.Element;

import dev.stsbridge.xml.OpenSaml;
import dev.stsbridge.xml.SecureXml;

/**
 * Step 6 of the IdP flow, encrypt: wraps a signed assertion in an {@code EncryptedAssertion} for the SP, as AWS's
 * encrypted-assertion mode wants it (then the response's Destination and Recipient are the provider's
 * {@code https://<region>.signin.aws.amazon.com/saml/acs/<IdP-ID>} URL, which the caller passes in the request).
 *
 * <p>The one place that chooses encryption algorithms: AES-256-GCM for the data, RSA-OAEP key transport to the SP's
 * certificate ({@code rsa-oaep-mgf1p} by default, {@code xmlenc11#rsa-oaep} with SHA-256 as an option), the
 * EncryptedKey inside the EncryptedData's KeyInfo. OpenSAML and Santuario encrypt; the result is written in
 * exclusive canonical form so that a response signature can cover it. Thread-safe.
 */
public final class AssertionEncrypter {

    private final X509Certificate spCertificate;
    private final EncryptionSettings settings;
    private final BasicX509Credential credential;

    /** Encrypts with the defaults ({@link EncryptionSettings#DEFAULT}). */
    public AssertionEncrypter(X509Certificate spCertificate) {
        this(spCertificate, EncryptionSettings.DEFAULT);
    }

    /**
     * @throws IllegalArgumentException if the certificate's key is not RSA (RSA-OAEP key transport needs one)
     */
    public AssertionEncrypter(X509Certificate spCertificate, EncryptionSettings settings) {
        OpenSaml.initialize();
        this.spCertificate = Objects.requireNonNull(spCertificate, "spCertificate");
        this.settings = Objects.requireNonNull(settings, "settings");
        if (!(spCertificate.getPublicKey() instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("cannot encrypt to the SP certificate "
                    + spCertificate.getSubjectX500Principal().getName() + ": its key is "
                    + spCertificate.getPublicKey().getAlgorithm() + ", RSA-OAEP key transport needs an RSA key");
        }
        this.credential = new BasicX509Credential(spCertificate);
        settings.keyName().ifPresent(credential.getKeyNames()::add);
    }

    public X509Certificate spCertificate() {
        return spCertificate;
    }

    /** Encrypts a (signed) assertion given in canonical form; returns the EncryptedAssertion in canonical form. */
    String encrypt(String canonicalAssertion) {
        try {
            Element element = SecureXml.parse(canonicalAssertion.getBytes(StandardCharsets.UTF_8)).getDocumentElement();
            Assertion assertion = (Assertion) XMLObjectProviderRegistrySupport.getUnmarshallerFactory()
                    .getUnmarshaller(element).unmarshall(element);
            EncryptedAssertion encrypted = encrypter().encrypt(assertion);
            Element encryptedElement = XMLObjectProviderRegistrySupport.getMarshallerFactory()
                    .getMarshaller(encrypted).marshall(encrypted);
            ByteArrayOutputStream out = new ByteArrayOutputStream(canonicalAssertion.length() * 2);
            Canonicalizer.getInstance(Algorithms.C14N_EXCLUSIVE).canonicalizeSubtree(encryptedElement, out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (UnmarshallingException | EncryptionException | MarshallingException
                 | InvalidCanonicalizerException | CanonicalizationException e) {
            throw new IllegalStateException("cannot encrypt the assertion for "
                    + spCertificate.getSubjectX500Principal().getName() + ": " + e.getMessage(), e);
        }
    }

    private Encrypter encrypter() {
        DataEncryptionParameters data = new DataEncryptionParameters();
        data.setAlgorithm(EncryptionConstants.ALGO_ID_BLOCKCIPHER_AES256_GCM);
        KeyEncryptionParameters key = new KeyEncryptionParameters();
        key.setEncryptionCredential(credential);
        switch (settings.keyTransport()) {
            case RSA_OAEP_MGF1P -> {
                key.setAlgorithm(EncryptionConstants.ALGO_ID_KEYTRANSPORT_RSAOAEP);
                key.setRSAOAEPParameters(new RSAOAEPParameters(SignatureConstants.ALGO_ID_DIGEST_SHA1, null, null));
            }
            case RSA_OAEP_SHA256 -> {
                key.setAlgorithm(EncryptionConstants.ALGO_ID_KEYTRANSPORT_RSAOAEP11);
                key.setRSAOAEPParameters(new RSAOAEPParameters(SignatureConstants.ALGO_ID_DIGEST_SHA256,
                        EncryptionConstants.ALGO_ID_MGF1_SHA256, null));
            }
            default -> throw new IllegalStateException("unknown key transport " + settings.keyTransport());
        }
        if (settings.includeCertificate() || settings.keyName().isPresent()) {
            X509KeyInfoGeneratorFactory keyInfo = new X509KeyInfoGeneratorFactory();
            keyInfo.setEmitEntityCertificate(settings.includeCertificate());
            keyInfo.setEmitKeyNames(settings.keyName().isPresent());
            key.setKeyInfoGenerator(keyInfo.newInstance());
        }
        Encrypter encrypter = new Encrypter(data, key);
        encrypter.setKeyPlacement(Encrypter.KeyPlacement.INLINE);
        return encrypter;
    }
}
