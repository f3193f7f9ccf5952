package dev.stsbridge.verifier.saml;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.xml.HardenedParser;
import dev.stsbridge.verifier.xml.UnsafeXmlException;

/**
 * Step "parse safely": a well-formed {@code samlp:Response} without DTD, with unique IDs, exactly one (plain or
 * encrypted) Assertion as a direct child and no Assertion or Signature anywhere else. A non-Success top-level
 * StatusCode is refused here with {@code IDPRejectedClaim} (an IdP's failure response usually carries no assertion,
 * so this is checked before the assertion count). Nothing in it is trusted yet; only {@link #parse} makes one.
 */
public final class ParsedResponse {
    private static final String ROLE_ATTRIBUTE = "https://aws.amazon.com/SAML/Attributes/Role";
    private static final Pattern PROVIDER_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:saml-provider/[\\w+=,.@-]+");

    private final Document document;
    private final Element response;
    private final Element assertion;

    private ParsedResponse(Document document, Element response, Element assertion) {
        this.document = document;
        this.response = response;
        this.assertion = assertion;
    }

    /** Parses the decoded bytes with the verifier's hardened parser and checks the shape. */
    public static ParsedResponse parse(byte[] xml) {
        Document document = parseXml(xml);
        Element response = document.getDocumentElement();
        if (!SamlXml.is(response, SamlNames.PROTOCOL, "Response")) {
            throw new AwsException(StsErrors.invalid("Invalid SAML response: the document is not a samlp:Response"));
        }
        DocumentShape shape = DocumentShape.check(response);
        ParsedResponse.status(response).filter(code -> !SamlNames.STATUS_SUCCESS.equals(code)).ifPresent(code -> {
            throw new AwsException(StsErrors.idpRejected(code));
        });
        List<Element> plain = SamlXml.children(response, SamlNames.ASSERTION, "Assertion");
        List<Element> encrypted = SamlXml.children(response, SamlNames.ASSERTION, "EncryptedAssertion");
        if (plain.size() + encrypted.size() != 1 || shape.assertions() + shape.encryptedAssertions() != 1) {
            throw new AwsException(StsErrors.invalid(
                    "Invalid SAML response: the Response must contain exactly one Assertion"));
        }
        return new ParsedResponse(document, response, plain.isEmpty() ? encrypted.get(0) : plain.get(0));
    }

    private static Document parseXml(byte[] xml) {
        try {
            return HardenedParser.parse(xml);
        } catch (UnsafeXmlException e) {
            String message = String.valueOf(e.getMessage());
            throw new AwsException(StsErrors.invalid(message.contains("DOCTYPE")
                    ? "Invalid SAML response: a DOCTYPE (DTD, entities) is not allowed"
                    : "Invalid SAML response: not well-formed XML"));
        }
    }

    Document document() {
        return document;
    }

    /** The root {@code samlp:Response}. */
    public Element response() {
        return response;
    }

    /** The one {@code saml:Assertion} or {@code saml:EncryptedAssertion} child of the Response. */
    public Element assertion() {
        return assertion;
    }

    /** Whether the assertion is a {@code saml:EncryptedAssertion}. */
    public boolean encrypted() {
        return "EncryptedAssertion".equals(assertion.getLocalName());
    }

    /**
     * The SAML provider ARNs named in the (not yet verified) Role attribute. Only a hint for the console sign-in
     * endpoint, which is not told the provider: it chooses whose registered keys to verify with, and the verified
     * assertion must then carry the pair anyway. Empty for an encrypted assertion.
     */
    public Set<String> unverifiedProviderArns() {
        Set<String> arns = new LinkedHashSet<>();
        if (encrypted()) {
            return arns;
        }
        for (Element statement : SamlXml.children(assertion, SamlNames.ASSERTION, "AttributeStatement")) {
            for (Element attribute : SamlXml.children(statement, SamlNames.ASSERTION, "Attribute")) {
                if (ROLE_ATTRIBUTE.equals(attribute.getAttributeNS(null, "Name"))) {
                    for (Element value : SamlXml.children(attribute, SamlNames.ASSERTION, "AttributeValue")) {
                        for (String part : value.getTextContent().split(",")) {
                            if (PROVIDER_ARN.matcher(part.strip()).matches()) {
                                arns.add(part.strip());
                            }
                        }
                    }
                }
            }
        }
        return arns;
    }

    /** The Response's top-level StatusCode value, if any (unsigned: only ever used to refuse). */
    public Optional<String> statusCode() {
        return status(response);
    }

    private static Optional<String> status(Element response) {
        return SamlXml.optionalChild(response, SamlNames.PROTOCOL, "Status")
                .flatMap(status -> SamlXml.optionalChild(status, SamlNames.PROTOCOL, "StatusCode"))
                .map(code -> code.getAttributeNS(null, "Value"));
    }
}
