package dev.stsbridge.verifier.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Text;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.testing.TestResponse;
import dev.stsbridge.verifier.testing.TestSts;

/**
 * CVE-2017-11427 family: a comment inserted into a signed value after signing leaves the signature valid (exclusive
 * c14n drops comments) but makes a first-text-node reader see a truncated value. The verifier refuses values split
 * by comments; reaching that refusal proves the signature still verified.
 */
class CommentInjectionTest {
    private final TestSts sts = TestSts.standard();

    /** Splits the text of {@code element} after {@code prefixLength} characters with an empty comment. */
    private static void injectComment(Element element, int prefixLength) {
        Text text = (Text) element.getFirstChild();
        Text rest = text.splitText(prefixLength);
        element.insertBefore(element.getOwnerDocument().createComment(""), rest);
    }

    private static Element attributeValue(Document document, String name) {
        for (Element attribute : Dom.all(Dom.assertion(document), SamlNames.ASSERTION, "Attribute")) {
            if (attribute.getAttributeNS(null, "Name").equals(TestResponse.ATTR + name)) {
                return Dom.first(attribute, SamlNames.ASSERTION, "AttributeValue");
            }
        }
        throw new IllegalStateException(name);
    }

    /** CVE-2017-11427: signed NameID {@code admin@example.com.evil.test} read as {@code admin@example.com}. */
    static Document commentInNameId() {
        Document document = TestResponse.alice().nameId("admin@example.com.evil.test").signedDocument();
        injectComment(Dom.first(Dom.assertion(document), SamlNames.ASSERTION, "NameID"), "admin@example.com".length());
        return document;
    }

    static Document commentInRoleSessionName() {
        Document document = TestResponse.alice()
                .replaceAttribute(TestResponse.ATTR + "RoleSessionName", "admin.evil.test").signedDocument();
        injectComment(attributeValue(document, "RoleSessionName"), "admin".length());
        return document;
    }

    static Document commentInRole() {
        Document document = TestResponse.alice().signedDocument();
        injectComment(attributeValue(document, "Role"), "arn:aws:iam::111122223333:role/Saml".length());
        return document;
    }

    @Test
    void validateWhenCommentSplitsNameIdThenInvalidIdentityToken() {
        assertThat(sts.refusal(TestResponse.base64(commentInNameId()))).isEqualTo(AwsError.invalidIdentityToken(
                "Invalid SAML response: a comment splits the value of <NameID>"));
    }

    @Test
    void validateWhenCommentSplitsRoleSessionNameThenInvalidIdentityToken() {
        assertThat(sts.refusal(TestResponse.base64(commentInRoleSessionName()))).isEqualTo(
                AwsError.invalidIdentityToken("Invalid SAML response: a comment splits the value of <AttributeValue>"));
    }

    @Test
    void validateWhenCommentSplitsRoleThenInvalidIdentityToken() {
        assertThat(sts.refusal(TestResponse.base64(commentInRole()))).isEqualTo(
                AwsError.invalidIdentityToken("Invalid SAML response: a comment splits the value of <AttributeValue>"));
    }

    @Test
    void validateWhenNameIdHasChildElementThenInvalidIdentityToken() {
        Document document = TestResponse.alice().beforeSigning(assertion -> {
            Element nameId = Dom.first(assertion, SamlNames.ASSERTION, "NameID");
            nameId.appendChild(Dom.element(assertion.getOwnerDocument(), "urn:example:x", "x:extra"));
        }).signedDocument();
        assertThat(sts.refusal(TestResponse.base64(document))).isEqualTo(AwsError.invalidIdentityToken(
                "Invalid SAML response: <NameID> must contain only text"));
    }

    @Test
    void validateWhenNonAwsAttributeHoldsStructuredValueThenValueSkippedAndSignInWorks() {
        var result = sts.assume(TestResponse.alice().beforeSigning(assertion -> {
            Element value = Dom.first(assertion, SamlNames.ASSERTION, "AttributeValue");
            Element attribute = (Element) value.getParentNode().cloneNode(false);
            attribute.setAttributeNS(null, "Name", "urn:oid:1.3.6.1.4.1.5923.1.1.1.10");
            Element targeted = (Element) value.cloneNode(false);
            Element nameId = Dom.element(assertion.getOwnerDocument(), SamlNames.ASSERTION, "saml:NameID");
            nameId.setTextContent("opaque-id");
            targeted.appendChild(nameId);
            attribute.appendChild(targeted);
            value.getParentNode().getParentNode().appendChild(attribute);
        }).base64());
        assertThat(result.subject()).isEqualTo("alice@example.com");
    }
}
