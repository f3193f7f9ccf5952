package dev.stsbridge.verifier.testing;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * SAML IdP metadata documents for tests, built from certificates generated at test time. Each document is an
 * {@code md:EntityDescriptor} with one {@code md:IDPSSODescriptor} (IAM takes at least 1,000 characters; a
 * certificate alone makes the document longer than that).
 */
public final class TestMetadata {

    private String entityId = "https://idp.example.com/saml";
    private final List<String> keyDescriptors = new ArrayList<>();
    private Optional<String> validUntil = Optional.empty();
    private String prolog = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    public static TestMetadata idp() {
        return new TestMetadata();
    }

    /** The one certificate most tests need: the shared RSA-2048 key. */
    public static String standard() {
        return idp().signingCertificate(TestPki.selfSigned(TestPki.rsa2048(), "idp.example.com")).build();
    }

    public TestMetadata entityId(String value) {
        this.entityId = value;
        return this;
    }

    public TestMetadata validUntil(String value) {
        this.validUntil = Optional.of(value);
        return this;
    }

    public TestMetadata prolog(String value) {
        this.prolog = value;
        return this;
    }

    public TestMetadata signingCertificate(X509Certificate certificate) {
        return keyDescriptor(" use=\"signing\"", TestPki.base64(certificate));
    }

    public TestMetadata certificateWithoutUse(X509Certificate certificate) {
        return keyDescriptor("", TestPki.base64(certificate));
    }

    public TestMetadata encryptionCertificate(X509Certificate certificate) {
        return keyDescriptor(" use=\"encryption\"", TestPki.base64(certificate));
    }

    /** A KeyDescriptor with raw base64 (for broken or hand-made certificates). */
    public TestMetadata signingCertificateBase64(String base64) {
        return keyDescriptor(" use=\"signing\"", base64);
    }

    private TestMetadata keyDescriptor(String use, String base64) {
        keyDescriptors.add("<md:KeyDescriptor" + use + "><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + base64
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>");
        return this;
    }

    /** The IdP's EntityDescriptor without prolog (to nest in an EntitiesDescriptor). */
    public String entityDescriptor() {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\" entityID=\"" + entityId + "\""
                + validUntil.map(v -> " validUntil=\"" + v + "\"").orElse("") + ">"
                + "<md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + String.join("", keyDescriptors)
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
                + " Location=\"https://idp.example.com/saml2/sso\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    public String build() {
        return prolog + entityDescriptor();
    }

    /** An EntitiesDescriptor around the given entity descriptors. */
    public static String entities(List<String> entityDescriptors) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">"
                + String.join("", entityDescriptors) + "</md:EntitiesDescriptor>";
    }
}
