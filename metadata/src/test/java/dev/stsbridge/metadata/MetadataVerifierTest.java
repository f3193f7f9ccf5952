package dev.stsbridge.metadata;

import static dev.stsbridge.metadata.TestMetadata.bytes;
import static dev.stsbridge.metadata.TestMetadata.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;

import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.keys.Certificates;
import dev.stsbridge.metadata.MetadataException.Kind;
import dev.stsbridge.xml.SecureXml;

class MetadataVerifierTest {

    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    private static final List<String> PROFILE_TRANSFORMS =
            List.of(Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);

    private final MetadataVerifier verifier = new MetadataVerifier(TestKeys.CLOCK);
    private final List<X509Certificate> trusted = List.of(TestKeys.current().certificate());

    @Test
    void verifyWhenBuiltAndSignedByTheCurrentKeyThenValid() {
        MetadataVerifier.VerifiedMetadata verified = verifier.verify(TestMetadata.signed(), trusted);

        assertThat(verified.signer()).isEqualTo(TestKeys.current().certificate());
        assertThat(verified.entityId()).isEqualTo("http://127.0.0.1:8080/saml2/metadata");
        assertThat(verified.warnings()).isEmpty();
    }

    @Test
    void verifyWhenSignerIsOneOfSeveralTrustedCertificatesThenValid() {
        List<X509Certificate> several = List.of(TestKeys.next().certificate(), TestKeys.current().certificate());
        assertThat(verifier.verify(TestMetadata.signed(), several).signer()).isEqualTo(TestKeys.current().certificate());
    }

    @Test
    void verifyWhenACertificateOfAnotherKeyTypeIsTriedFirstThenTheSignerStillVerifies() {
        // a JCA Signature that refused an EC key cannot be reused for the RSA key: each try starts afresh
        List<X509Certificate> ecFirst = List.of(TestKeys.ec().certificate(), TestKeys.current().certificate());
        assertThat(verifier.verify(TestMetadata.signed(), ecFirst).signer()).isEqualTo(TestKeys.current().certificate());
    }

    @Test
    void verifyWhenOnlyACertificateOfAnotherKeyTypeIsTrustedThenTheUntrustedSignerIsNamed() {
        assertThatThrownBy(() -> verifier.verify(TestMetadata.signed(), List.of(TestKeys.ec().certificate())))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.SIGNATURE_INVALID))
                .hasMessageStartingWith("signed by a certificate that is not trusted (");
    }

    @Test
    void verifyWhenSignedWithAnEcKeyThenValidWithAKeyTypeWarning() {
        Document document = new IdpMetadataBuilder().build(IdpIdentity.demo(), List.of(TestKeys.ec().certificate()));
        byte[] signed = new MetadataSigner().signToBytes(document, TestKeys.ec());

        MetadataVerifier.VerifiedMetadata verified = verifier.verify(signed, List.of(TestKeys.ec().certificate()));

        assertThat(text(signed)).contains("Algorithm=\"" + XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256 + "\"");
        assertThat(verified.warnings()).extracting(AwsUploadFinding::rule).containsExactly(AwsUploadFinding.Rule.KEY_TYPE);
    }

    // --- tampering ----------------------------------------------------------------------------------------

    @Test
    void verifyWhenOneByteOfThePublishedCertificateChangedThenDigestMismatch() {
        String signed = TestMetadata.signedText();
        int keyDescriptor = signed.indexOf("<md:KeyDescriptor");
        int certificate = signed.indexOf("<ds:X509Certificate>", keyDescriptor) + "<ds:X509Certificate>".length();
        String tampered = flipBase64(signed, certificate + 200);

        assertRefused(tampered, Kind.SIGNATURE_INVALID).hasMessage("the signed content was changed after signing: "
                + "the digest of Reference '#" + idOf(signed) + "' does not match");
    }

    @Test
    void verifyWhenOneByteOfAnAttributeChangedThenDigestMismatch() {
        String signed = TestMetadata.signedText();
        String tampered = signed.replaceFirst("Location=\"http://127.0.0.1:8080/saml2/sso\"",
                "Location=\"http://127.0.0.1:8081/saml2/sso\"");
        assertThat(tampered).isNotEqualTo(signed);

        assertRefused(tampered, Kind.SIGNATURE_INVALID).hasMessage("the signed content was changed after signing: "
                + "the digest of Reference '#" + idOf(signed) + "' does not match");
    }

    @Test
    void verifyWhenOneByteOfTheSignatureValueChangedThenSignatureValueInvalid() {
        String signed = TestMetadata.signedText();
        int value = signed.indexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length();
        String tampered = flipBase64(signed, value + 20);

        assertRefused(tampered, Kind.SIGNATURE_INVALID)
                .hasMessage("the SignatureValue does not verify with the trusted certificate");
    }

    @Test
    void verifyWhenSignedByAKeyThatIsNotTrustedThenRefusedNamingItsCertificate() {
        byte[] signed = new MetadataSigner().signToBytes(TestMetadata.unsigned(), TestKeys.stranger());

        assertRefused(text(signed), Kind.SIGNATURE_INVALID).hasMessage("signed by a certificate that is not trusted ("
                + TestKeys.stranger().certificate().getSubjectX500Principal().getName() + ", SHA-256 "
                + Certificates.sha256Fingerprint(TestKeys.stranger().certificate()) + ")");
    }

    @Test
    void verifyWhenSignedByAnUntrustedKeyWithTheTrustedCertificateInKeyInfoThenSignatureValueInvalid() {
        // KeyInfo is never trusted: the stranger signs but claims to be the current key
        String signed = text(new MetadataSigner().signToBytes(TestMetadata.unsigned(), TestKeys.stranger()));
        String strangerBase64 = java.util.Base64.getEncoder().encodeToString(encoded(TestKeys.stranger().certificate()));
        String currentBase64 = java.util.Base64.getEncoder().encodeToString(encoded(TestKeys.current().certificate()));
        String lying = signed.replaceFirst(java.util.regex.Pattern.quote(strangerBase64), currentBase64);

        assertRefused(lying, Kind.SIGNATURE_INVALID).hasMessage("the SignatureValue does not verify with the trusted certificate");
    }

    // --- signature profile ----------------------------------------------------------------------------------

    @Test
    void verifyWhenNotSignedThenSignatureMissing() {
        byte[] unsigned = SecureXml.toBytes(TestMetadata.unsigned());
        assertRefused(text(unsigned), Kind.SIGNATURE_MISSING).hasMessage("the document is not signed (no ds:Signature)");
    }

    @Test
    void verifyWhenReferenceUriPointsAtAnInnerElementThenRefused() {
        Document document = TestMetadata.unsigned();
        Element idp = (Element) document.getElementsByTagNameNS(MD, "IDPSSODescriptor").item(0);
        idp.setAttributeNS(null, "ID", "_inner");
        idp.setIdAttributeNS(null, "ID", true);
        String rootId = TestMetadata.rootId(document);
        byte[] signed = TestMetadata.signedWith(document, TestKeys.current(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256, PROFILE_TRANSFORMS, "#_inner");

        assertRefused(text(signed), Kind.SIGNATURE_INVALID).hasMessage("the signature's Reference URI '#_inner' "
                + "does not point at the document element (ID '" + rootId + "')");
    }

    @Test
    void verifyWhenReferenceUriIsEmptyThenAcceptedAsTheWholeDocument() {
        byte[] signed = TestMetadata.signedWith(TestMetadata.unsigned(), TestKeys.current(),
                XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256, PROFILE_TRANSFORMS, "");
        assertThat(verifier.verify(signed, trusted).signer()).isEqualTo(TestKeys.current().certificate());
    }

    @Test
    void verifyWhenATransformOutsideTheProfileIsUsedThenRefused() {
        byte[] signed = TestMetadata.signedWith(TestMetadata.unsigned(), TestKeys.current(),
                XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256,
                List.of(Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Transforms.TRANSFORM_C14N_OMIT_COMMENTS), referenceToRoot());

        assertRefused(text(signed), Kind.SIGNATURE_INVALID).hasMessage("transform "
                + Transforms.TRANSFORM_C14N_OMIT_COMMENTS + " is not allowed (only enveloped-signature and exclusive c14n)");
    }

    @Test
    void verifyWhenThreeTransformsThenRefused() {
        byte[] signed = TestMetadata.signedWith(TestMetadata.unsigned(), TestKeys.current(),
                XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256,
                List.of(Transforms.TRANSFORM_ENVELOPED_SIGNATURE, Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS,
                        Transforms.TRANSFORM_C14N_EXCL_WITH_COMMENTS), referenceToRoot());

        assertRefused(text(signed), Kind.SIGNATURE_INVALID).hasMessage("the Reference has 3 transforms; at most 2 are allowed");
    }

    @Test
    void verifyWhenRsaSha1SignatureThenRefusedAsTooWeak() {
        byte[] signed = TestMetadata.signedWith(TestMetadata.unsigned(), TestKeys.current(),
                XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256,
                PROFILE_TRANSFORMS, referenceToRoot());

        assertRefused(text(signed), Kind.SIGNATURE_INVALID).hasMessage("signature algorithm "
                + "http://www.w3.org/2000/09/xmldsig#rsa-sha1 is refused: SHA-1 is too weak "
                + "(use RSA-SHA256/384/512 or ECDSA-SHA256/384/512)");
    }

    @Test
    void verifyWhenSha1DigestThenRefusedAsTooWeak() {
        byte[] signed = TestMetadata.signedWith(TestMetadata.unsigned(), TestKeys.current(),
                XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256, MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA1,
                PROFILE_TRANSFORMS, referenceToRoot());

        assertRefused(text(signed), Kind.SIGNATURE_INVALID).hasMessage("digest algorithm "
                + "http://www.w3.org/2000/09/xmldsig#sha1 is refused: SHA-1 is too weak (use SHA-256, SHA-384 or SHA-512)");
    }

    @Test
    void verifyWhenMd5SignatureAlgorithmThenRefusedAsBroken() {
        String md5 = TestMetadata.signedText().replace(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                XMLSignature.ALGO_ID_SIGNATURE_NOT_RECOMMENDED_RSA_MD5);

        assertRefused(md5, Kind.SIGNATURE_INVALID).hasMessage("signature algorithm "
                + "http://www.w3.org/2001/04/xmldsig-more#rsa-md5 is refused: MD5 is broken "
                + "(use RSA-SHA256/384/512 or ECDSA-SHA256/384/512)");
    }

    @Test
    void verifyWhenHmacSignatureAlgorithmThenRefused() {
        String hmac = TestMetadata.signedText().replace(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                XMLSignature.ALGO_ID_MAC_HMAC_SHA256);

        assertRefused(hmac, Kind.SIGNATURE_INVALID).hasMessage("signature algorithm "
                + "http://www.w3.org/2001/04/xmldsig-more#hmac-sha256 is refused: HMAC uses a shared secret, so it "
                + "cannot prove who signed (use RSA-SHA256/384/512 or ECDSA-SHA256/384/512)");
    }

    @Test
    void verifyWhenTheDocumentElementHasTwoSignaturesThenRefused() {
        Document signedOnce = SecureXml.parse(TestMetadata.signed());
        byte[] signedTwice = TestMetadata.signedWith(signedOnce, TestKeys.current(), XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
                MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256, PROFILE_TRANSFORMS, "#" + TestMetadata.rootId(signedOnce));

        // the schema allows one ds:Signature; SignatureProfileTest shows the profile refuses it on its own too
        assertRefused(text(signedTwice), Kind.SCHEMA_INVALID).hasMessageContaining(
                "Invalid content was found starting with element '{\"http://www.w3.org/2000/09/xmldsig#\":Signature}'");
    }

    @Test
    void verifyWhenAnInnerElementCarriesASecondSignatureThenRefused() {
        Document document = SecureXml.parse(TestMetadata.signed());
        Element signature = (Element) document.getElementsByTagNameNS(DS, "Signature").item(0);
        Element idp = (Element) document.getElementsByTagNameNS(MD, "IDPSSODescriptor").item(0);
        idp.insertBefore(signature.cloneNode(true), idp.getFirstChild());

        assertRefused(text(SecureXml.toBytes(document)), Kind.SIGNATURE_INVALID).hasMessage(
                "a second ds:Signature inside <md:IDPSSODescriptor>: only the document element's signature is allowed");
    }

    @Test
    void verifyWhenTheEnvelopedTransformIsMissingThenRefused() {
        String signed = TestMetadata.signedText();
        String without = signed.replace("<ds:Transform Algorithm=\"" + Transforms.TRANSFORM_ENVELOPED_SIGNATURE + "\"/>", "");
        assertThat(without).isNotEqualTo(signed);

        assertRefused(without, Kind.SIGNATURE_INVALID).hasMessage("the Reference lacks the enveloped-signature transform");
    }

    @Test
    void verifyWhenInclusiveCanonicalizationThenRefused() {
        String inclusive = TestMetadata.signedText().replaceFirst(
                "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/2001/10/xml-exc-c14n#\"",
                "<ds:CanonicalizationMethod Algorithm=\"http://www.w3.org/TR/2001/REC-xml-c14n-20010315\"");

        assertRefused(inclusive, Kind.SIGNATURE_INVALID).hasMessage("canonicalization method "
                + "http://www.w3.org/TR/2001/REC-xml-c14n-20010315 is refused: only exclusive c14n is accepted");
    }

    @Test
    void verifyWhenTheSignatureCarriesAnObjectThenRefused() {
        Document document = SecureXml.parse(TestMetadata.signed());
        Element signature = (Element) document.getElementsByTagNameNS(DS, "Signature").item(0);
        signature.appendChild(document.createElementNS(DS, "ds:Object"));

        assertRefused(text(SecureXml.toBytes(document)), Kind.SIGNATURE_INVALID)
                .hasMessage("the signature carries a ds:Object, which is not allowed");
    }

    @Test
    void verifyWhenTheSignedDescriptorIsWrappedInAnUnsignedEntitiesDescriptorThenSignatureMissing() {
        Document signed = SecureXml.parse(TestMetadata.signed());
        Document wrapper = SecureXml.newDocument();
        Element entities = wrapper.createElementNS(MD, "md:EntitiesDescriptor");
        wrapper.appendChild(entities);
        Element evil = (Element) wrapper.importNode(TestMetadata.unsigned().getDocumentElement(), true);
        evil.setAttributeNS(null, "entityID", "https://evil.example/idp");
        evil.removeAttributeNS(null, "ID");
        entities.appendChild(evil);
        entities.appendChild(wrapper.importNode(signed.getDocumentElement(), true));

        assertRefused(text(SecureXml.toBytes(wrapper)), Kind.SIGNATURE_MISSING).hasMessage("the document element "
                + "<md:EntitiesDescriptor> is not signed; the only ds:Signature is inside <md:EntityDescriptor>");
    }

    @Test
    void verifyWhenTheSignatureIsMovedOntoAnEvilRootWithTheSameIdThenDuplicateIdRefused() {
        String originalId = TestMetadata.rootId(SecureXml.parse(TestMetadata.signed()));
        byte[] evil = wrappedByEvilRoot(evilRoot -> ((Element) evilRoot.getElementsByTagNameNS(MD, "SingleSignOnService")
                .item(0)).setAttributeNS(null, "Location", "https://evil.example/sso"));

        // ID attributes are xs:ID, so the schema catches the duplicate; SignatureProfileTest shows the profile does too
        assertRefused(text(evil), Kind.SCHEMA_INVALID).hasMessageEndingWith(
                "cvc-id.2: There are multiple occurrences of ID value '" + originalId + "'.");
    }

    @Test
    void verifyWhenTheEvilRootHasItsOwnIdAndReferencesTheHiddenOriginalThenRefused() {
        String originalId = TestMetadata.rootId(SecureXml.parse(TestMetadata.signed()));
        byte[] evil = wrappedByEvilRoot(evilRoot -> evilRoot.setAttributeNS(null, "ID", "_evil"));

        assertRefused(text(evil), Kind.SIGNATURE_INVALID).hasMessage("the signature's Reference URI '#"
                + originalId + "' does not point at the document element (ID '_evil')");
    }

    /**
     * Classic signature wrapping: an evil copy of the document, changed by {@code evilChange}, becomes the root and
     * carries the original signature; the untouched original hides in an extension so that its digest still matches.
     */
    private static byte[] wrappedByEvilRoot(java.util.function.Consumer<Element> evilChange) {
        Document original = SecureXml.parse(TestMetadata.signed());
        Element originalRoot = original.getDocumentElement();
        Element signature = (Element) originalRoot.getElementsByTagNameNS(DS, "Signature").item(0);
        originalRoot.removeChild(signature);

        Document evil = SecureXml.parse(SecureXml.toBytes(original));
        Element evilRoot = evil.getDocumentElement();
        evilChange.accept(evilRoot);
        Element extensions = evil.createElementNS(MD, "md:Extensions");
        Element hiding = evil.createElementNS("urn:evil", "evil:Wrapper");
        hiding.appendChild(evil.importNode(originalRoot, true));
        extensions.appendChild(hiding);
        evilRoot.insertBefore(extensions, evilRoot.getFirstChild());
        evilRoot.insertBefore(evil.importNode(signature, true), extensions);
        return SecureXml.toBytes(evil);
    }

    // --- the other exit codes -------------------------------------------------------------------------------

    @Test
    void verifyWhenNotWellFormedThenNotWellFormed() {
        String broken = TestMetadata.signedText().replace("</md:EntityDescriptor>", "");
        assertRefused(broken, Kind.NOT_WELL_FORMED).hasMessageStartingWith("not well-formed XML (line 1");
    }

    @Test
    void verifyWhenTheDocumentHasADoctypeThenNotWellFormed() {
        String withDoctype = TestMetadata.signedText().replaceFirst("\\?>", "?><!DOCTYPE md:EntityDescriptor>");
        assertRefused(withDoctype, Kind.NOT_WELL_FORMED).hasMessageContaining("DOCTYPE");
    }

    @Test
    void verifyWhenSchemaInvalidThenSchemaInvalidBeforeTheSignatureIsLookedAt() {
        String invalid = TestMetadata.signedText().replaceFirst("WantAuthnRequestsSigned=\"false\"", "WantAuthnRequestsSigned=\"maybe\"");
        assertRefused(invalid, Kind.SCHEMA_INVALID).hasMessageStartingWith("not valid SAML metadata (line 1, column ")
                .hasMessageContaining("'maybe'");
    }

    @Test
    void verifyWhenValidlySignedButBreakingAnAwsRuleThenAwsRuleBroken() {
        List<X509Certificate> eleven = Collections.nCopies(11, TestKeys.current().certificate());
        Document document = new IdpMetadataBuilder().build(IdpIdentity.demo(), eleven);
        byte[] signed = new MetadataSigner().signToBytes(document, TestKeys.current());

        assertRefused(text(signed), Kind.AWS_RULE_BROKEN).hasMessage("AWS would refuse this metadata: "
                + "the metadata has 11 certificates; AWS allows at most 10 keys per SAML provider");
    }

    @Test
    void verifyWithoutTrustedCertificatesThenUnusable() {
        assertThatThrownBy(() -> verifier.verify(TestMetadata.signed(), List.of()))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNUSABLE))
                .hasMessage("no trusted certificates to verify the signature with");
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private AbstractThrowableAssert<?, ? extends Throwable> assertRefused(String document, Kind kind) {
        return assertThatThrownBy(() -> verifier.verify(bytes(document), trusted))
                .isInstanceOfSatisfying(MetadataException.class, e -> assertThat(e.kind()).isEqualTo(kind));
    }

    /** A different base64 character at {@code index}: the text stays valid base64, the bytes change. */
    static String flipBase64(String text, int index) {
        char original = text.charAt(index);
        char replacement = original == 'A' ? 'B' : 'A';
        return text.substring(0, index) + replacement + text.substring(index + 1);
    }

    private static String idOf(String signed) {
        return SecureXml.parse(bytes(signed)).getDocumentElement().getAttribute("ID");
    }

    /** The Reference URI our signer uses; documents from {@link TestMetadata#unsigned()} always carry an ID. */
    private static String referenceToRoot() {
        return "#" + TestMetadata.rootId(TestMetadata.unsigned());
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
