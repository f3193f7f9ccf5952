package dev.stsbridge.verifier.hostile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/** One test per signature-profile rule; each asserts the exact code and message. */
class SignatureProfileTest {
    private static final AwsError SIGNATURE_INVALID = AwsError.invalidIdentityToken("Response signature invalid");

    private final TestSts sts = TestSts.standard();

    private AwsError refusal(Document hostile) {
        return sts.refusal(TestResponse.base64(hostile));
    }

    private static AwsError refused(String why) {
        return AwsError.invalidIdentityToken("Response signature invalid: " + why);
    }

    @Test
    void verifyWhenSignatureStrippedThenInvalidIdentityToken() {
        assertThat(refusal(HostileSignatures.signatureStripped()))
                .isEqualTo(refused("neither the Response nor the Assertion is signed"));
    }

    @Test
    void verifyWhenSignatureValueEmptiedThenResponseSignatureInvalid() {
        assertThat(refusal(HostileSignatures.signatureValueEmptied())).isEqualTo(SIGNATURE_INVALID);
    }

    @Test
    void verifyWhenDigestValueTamperedThenResponseSignatureInvalid() {
        assertThat(refusal(HostileSignatures.digestValueTampered())).isEqualTo(SIGNATURE_INVALID);
    }

    @Test
    void verifyWhenSignedContentTamperedThenResponseSignatureInvalid() {
        assertThat(refusal(HostileSignatures.contentTampered())).isEqualTo(SIGNATURE_INVALID);
    }

    @Test
    void verifyWhenSignedByUnregisteredKeyWithCertificateInKeyInfoThenResponseSignatureInvalid() {
        assertThat(refusal(HostileSignatures.signedByAttackerWithCertificateInKeyInfo())).isEqualTo(SIGNATURE_INVALID);
    }

    @Test
    void verifyWhenSignedByAnotherProvidersKeyThenResponseSignatureInvalid() {
        assertThat(refusal(HostileSignatures.signedByOtherProvidersKey())).isEqualTo(SIGNATURE_INVALID);
    }

    @Test
    void verifyWhenHmacSignatureThenRefusedAlgorithm() {
        assertThat(refusal(HostileSignatures.hmacSignature())).isEqualTo(
                refused("signature algorithm not allowed: 'http://www.w3.org/2001/04/xmldsig-more#hmac-sha256'"));
    }

    @Test
    void verifyWhenRsaMd5SignatureThenRefusedAlgorithm() {
        assertThat(refusal(HostileSignatures.rsaMd5Signature())).isEqualTo(
                refused("signature algorithm not allowed: 'http://www.w3.org/2001/04/xmldsig-more#rsa-md5'"));
    }

    @Test
    void verifyWhenMd5DigestThenRefusedAlgorithm() {
        assertThat(refusal(HostileSignatures.md5Digest())).isEqualTo(
                refused("digest algorithm not allowed: 'http://www.w3.org/2001/04/xmldsig-more#md5'"));
    }

    @Test
    void verifyWhenReferenceNamesAnotherIdThenInvalidIdentityToken() {
        assertThat(refusal(HostileSignatures.referenceToAnotherId()))
                .isEqualTo(refused("the Reference URI '#_resp-5f2d1c' is not the ID of the signed element"));
    }

    @Test
    void verifyWhenReferenceUriEmptyThenInvalidIdentityToken() {
        assertThat(refusal(HostileSignatures.emptyReferenceUri()))
                .isEqualTo(refused("the Reference URI '' is not the ID of the signed element"));
    }

    @Test
    void verifyWhenReferenceUriIsHttpThenRefusedWithoutConnecting() throws IOException {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String uri = "http://127.0.0.1:" + listener.getLocalPort() + "/x";
            assertThat(refusal(HostileSignatures.externalReferenceUri(uri)))
                    .isEqualTo(refused("the Reference URI '" + uri + "' is not the ID of the signed element"));
            listener.setSoTimeout(300);
            assertThatThrownBy(listener::accept).isInstanceOf(SocketTimeoutException.class);
        }
    }

    @Test
    void verifyWhenReferenceUriIsDiscardPortThenRefused() {
        assertThat(refusal(HostileSignatures.externalReferenceUri("http://127.0.0.1:9/x")))
                .isEqualTo(refused("the Reference URI 'http://127.0.0.1:9/x' is not the ID of the signed element"));
    }

    @Test
    void verifyWhenReferenceUriIsLocalFileThenRefused() {
        assertThat(refusal(HostileSignatures.externalReferenceUri("file:///etc/passwd")))
                .isEqualTo(refused("the Reference URI 'file:///etc/passwd' is not the ID of the signed element"));
    }

    @Test
    void verifyWhenXpathTransformThenRefusedTransform() {
        assertThat(refusal(HostileSignatures.xpathTransform())).isEqualTo(
                refused("transform algorithm not allowed: 'http://www.w3.org/TR/1999/REC-xpath-19991116'"));
    }

    @Test
    void verifyWhenXsltTransformThenRefusedTransform() {
        assertThat(refusal(HostileSignatures.xsltTransform())).isEqualTo(
                refused("transform algorithm not allowed: 'http://www.w3.org/TR/1999/REC-xslt-19991116'"));
    }

    @Test
    void verifyWhenTwoReferencesThenInvalidIdentityToken() {
        assertThat(refusal(HostileSignatures.twoReferences()))
                .isEqualTo(refused("the signature must have exactly one Reference, it has 2"));
    }

    @Test
    void verifyWhenSignatureHoldsObjectThenInvalidIdentityToken() {
        assertThat(refusal(HostileSignatures.signatureWithObject())).isEqualTo(refused("unexpected <Object> in Signature"));
    }

    @Test
    void verifyWhenSignedElementHasNoIdThenInvalidIdentityToken() {
        assertThat(refusal(HostileSignatures.signedElementWithoutId()))
                .isEqualTo(refused("the signed <Assertion> has no ID"));
    }
}
