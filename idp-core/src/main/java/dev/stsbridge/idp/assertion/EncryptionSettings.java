package dev.stsbridge.idp.assertion;

import java.util.Objects;
import java.util.Optional;

/**
 * How {@link AssertionEncrypter} wraps the content key for the SP. Data encryption is always AES-256-GCM.
 *
 * @param keyTransport RSA-OAEP variant; {@link KeyTransport#RSA_OAEP_MGF1P} (the default) is what every SP
 *                     decrypts, including Debian's xmlsec1
 * @param includeCertificate put the SP's certificate in the EncryptedKey's KeyInfo (helps an SP with several keys)
 * @param keyName a KeyName for the EncryptedKey's KeyInfo, if any
 */
public record EncryptionSettings(KeyTransport keyTransport, boolean includeCertificate, Optional<String> keyName) {

    /** RSA-OAEP-MGF1P (SHA-1 digest, as the URI implies), the SP's certificate in KeyInfo, no key name. */
    public static final EncryptionSettings DEFAULT =
            new EncryptionSettings(KeyTransport.RSA_OAEP_MGF1P, true, Optional.empty());

    public EncryptionSettings {
        Objects.requireNonNull(keyTransport, "keyTransport");
        Objects.requireNonNull(keyName, "keyName");
        keyName.ifPresent(name -> {
            if (name.isBlank()) {
                throw new IllegalArgumentException("the encryption key name must not be empty");
            }
        });
    }

    /** Key transport algorithms for the content key. */
    public enum KeyTransport {
        /** {@code xmlenc#rsa-oaep-mgf1p}: RSA-OAEP with SHA-1 and MGF1-SHA-1 (the URI fixes both). */
        RSA_OAEP_MGF1P,
        /** {@code xmlenc11#rsa-oaep} with SHA-256 and MGF1-SHA-256 (not decrypted by Debian's xmlsec1 1.2). */
        RSA_OAEP_SHA256
    }
}
