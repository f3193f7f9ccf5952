package dev.stsbridge.verifier.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.sts.AssumeRoleWithSamlRequest;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/** The XML-signature-wrapping family: every shape is refused, or (where harmless) only the signed part is read. */
class SignatureWrappingTest {
    private static final String TWO_ASSERTIONS = "Invalid SAML response: the Response must contain exactly one Assertion";
    private static final String DUPLICATE_ASSERTION_ID =
            "Response signature invalid: more than one element has the ID '_assert-8e41b7'";

    private final TestSts sts = TestSts.standard();

    private AwsError refusalForEvilRole(Document hostile) {
        return sts.refusal(new AssumeRoleWithSamlRequest(TestResponse.EVIL_ROLE_ARN, TestResponse.PROVIDER_ARN,
                TestResponse.base64(hostile), Optional.empty(), Optional.empty(), List.of()));
    }

    private static AwsError invalid(String message) {
        return AwsError.invalidIdentityToken(message);
    }

    @Test
    void verifyWhenXsw1ClonedResponseWrapsSignedOriginalThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw1ClonedResponseInsideSignature()))
                .isEqualTo(invalid(DUPLICATE_ASSERTION_ID));
    }

    @Test
    void verifyWhenXsw2DetachedSignedOriginalBeforeSignatureThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw2ClonedResponseBeforeSignature()))
                .isEqualTo(invalid(DUPLICATE_ASSERTION_ID));
    }

    @Test
    void verifyWhenXsw3EvilAssertionBeforeSignedThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw3EvilAssertionBeforeSigned()))
                .isEqualTo(invalid(TWO_ASSERTIONS));
    }

    @Test
    void verifyWhenXsw3EvilAssertionAfterSignedThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw3EvilAssertionAfterSigned()))
                .isEqualTo(invalid(TWO_ASSERTIONS));
    }

    @Test
    void verifyWhenXsw4EvilAssertionWrapsSignedThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw4SignedAssertionInsideEvil()))
                .isEqualTo(invalid(TWO_ASSERTIONS));
    }

    @Test
    void verifyWhenXsw5TamperedSignedAssertionWithOriginalCopyThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw5TamperedSignedWithOriginalCopyAtEnd()))
                .isEqualTo(invalid(DUPLICATE_ASSERTION_ID));
    }

    @Test
    void verifyWhenXsw6OriginalCopyInsideSignatureThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw6TamperedSignedWithOriginalInsideSignature()))
                .isEqualTo(invalid(DUPLICATE_ASSERTION_ID));
    }

    @Test
    void verifyWhenXsw7SignedAssertionMovedIntoExtensionsThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw7SignedAssertionInExtensions()))
                .isEqualTo(invalid(TWO_ASSERTIONS));
    }

    @Test
    void verifyWhenXsw8OriginalInSignatureObjectThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.xsw8OriginalInSignatureObject()))
                .isEqualTo(invalid(DUPLICATE_ASSERTION_ID));
    }

    @Test
    void verifyWhenAnotherElementCarriesTheSignedIdThenInvalidIdentityToken() {
        assertThat(sts.refusal(TestResponse.base64(HostileResponses.duplicateIds())))
                .isEqualTo(invalid(DUPLICATE_ASSERTION_ID));
    }

    @Test
    void verifyWhenNamespacedIdAttributeDuplicatesSignedIdThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.namespacedDuplicateId()))
                .isEqualTo(invalid(DUPLICATE_ASSERTION_ID));
    }

    @Test
    void verifyWhenCve2024_45409SignatureHiddenInExtensionsThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.cve2024_45409SignatureHiddenInExtensions())).isEqualTo(invalid(
                "Response signature invalid: a Signature may only be a direct child of the Response or of the Assertion"));
    }

    @Test
    void verifyWhenCve2024_45409SecondDigestValueThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.cve2024_45409SecondDigestValue()))
                .isEqualTo(invalid("Response signature invalid: Reference must have exactly one DigestValue"));
    }

    @Test
    void verifyWhenCve2025_25292LookalikeSignatureNamespaceThenInvalidIdentityToken() {
        assertThat(refusalForEvilRole(HostileResponses.cve2025_25292LookalikeSignatureNamespace()))
                .isEqualTo(invalid("Response signature invalid: neither the Response nor the Assertion is signed"));
    }

    @Test
    void verifyWhenCve2025_25292ForeignNamespaceAssertionThenOnlyTheSignedAssertionIsRead() {
        var result = sts.assume(TestResponse.base64(HostileResponses.cve2025_25292ForeignNamespaceAssertion()));
        assertThat(result.subject()).isEqualTo("alice@example.com");
        assertThat(result.grant().assumedRoleArn()).endsWith(":assumed-role/SamlAdmin/alice@example.com");
        assertThat(refusalForEvilRole(HostileResponses.cve2025_25292ForeignNamespaceAssertion()))
                .isEqualTo(AwsError.accessDenied("Not authorized to perform sts:AssumeRoleWithSAML"));
    }
}
