package dev.stsbridge.idp.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Optional;

/**
 * Assertion encryption (AWS's encrypted-assertion mode): {@code enabled}, and {@code sp-certificate}, the
 * PEM or DER certificate AWS shows for the SAML provider, which the assertion is encrypted to.
 */
public record EncryptionConfig(boolean enabled, Optional<Path> spCertificate) {

    public EncryptionConfig {
        spCertificate = ConfigChecks.optional(spCertificate);
        if (enabled && spCertificate.isEmpty()) {
            throw new InvalidConfigValueException("sp-certificate", "is required when encryption is enabled");
        }
        spCertificate.ifPresent(EncryptionConfig::checkCertificate);
    }

    public static EncryptionConfig off() {
        return new EncryptionConfig(false, Optional.empty());
    }

    private static void checkCertificate(Path path) {
        try (InputStream in = Files.newInputStream(path)) {
            CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException e) {
            throw new InvalidConfigValueException("sp-certificate", "cannot read " + path.toAbsolutePath() + ": " + e);
        } catch (CertificateException e) {
            throw new InvalidConfigValueException("sp-certificate", "is not an X.509 certificate (PEM or DER): "
                    + path.toAbsolutePath());
        }
    }
}
