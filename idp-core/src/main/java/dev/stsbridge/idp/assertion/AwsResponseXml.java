package dev.stsbridge.idp.assertion;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Hand-written XML for the fixed shape of an AWS response (the lean path of {@link ResponseSigner}): writes the
 * elements and attributes of {@link ResponseContent} directly in Exclusive XML Canonicalization form (namespace
 * declarations where first used, attributes in canonical order, no self-closing tags, canonical escaping), so that
 * what is written is what gets digested, without a DOM or a canonicaliser. Prefixes and declaration placement are
 * those of OpenSAML 4 ({@code saml2p}, {@code saml2}, {@code xsd} on the assertion, {@code xsi} on each value), so
 * that the signatures are byte-identical to the OpenSAML reference path ({@link OpenSamlResponseSigner}); the tests
 * prove it.
 */
final class AwsResponseXml {

    static final String SAML2P = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String SAML2 = "urn:oasis:names:tc:SAML:2.0:assertion";
    static final String XSD_DECLARATION = " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\"";
    /** The start of every assertion we write, up to the ID attribute: self-contained, xsd declared. */
    static final String ASSERTION_START = "<saml2:Assertion xmlns:saml2=\"" + SAML2 + "\"" + XSD_DECLARATION;
    static final String STATUS_SUCCESS = "<saml2p:Status><saml2p:StatusCode Value=\""
            + "urn:oasis:names:tc:SAML:2.0:status:Success\"></saml2p:StatusCode></saml2p:Status>";
    static final String RESPONSE_END = "</saml2p:Response>";

    private static final String BEARER = "urn:oasis:names:tc:SAML:2.0:cm:bearer";
    private static final String VALUE_START = "<saml2:AttributeValue xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
            + " xsi:type=\"xsd:string\">";
    private static final DateTimeFormatter DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private AwsResponseXml() {
    }

    /** The assertion's start tag and Issuer: what precedes its enveloped signature. */
    static void assertionHead(StringBuilder out, ResponseContent content) {
        out.append(ASSERTION_START);
        CanonicalXml.attribute(out, "ID", content.assertionId(), "assertion ID");
        CanonicalXml.attribute(out, "IssueInstant", time(content.issueInstant()), "IssueInstant");
        out.append(" Version=\"2.0\"><saml2:Issuer>");
        CanonicalXml.text(out, content.issuer(), "issuer").append("</saml2:Issuer>");
    }

    /** Everything after the assertion's Issuer (and signature), down to {@code </saml2:Assertion>}. */
    static void assertionBody(StringBuilder out, ResponseContent content) {
        subject(out, content);
        out.append("<saml2:Conditions");
        CanonicalXml.attribute(out, "NotBefore", time(content.notBefore()), "NotBefore");
        CanonicalXml.attribute(out, "NotOnOrAfter", time(content.notOnOrAfter()), "NotOnOrAfter");
        out.append("><saml2:AudienceRestriction><saml2:Audience>");
        CanonicalXml.text(out, content.audience(), "audience");
        out.append("</saml2:Audience></saml2:AudienceRestriction></saml2:Conditions>");
        authnStatement(out, content);
        if (!content.attributes().isEmpty()) { // the schema wants at least one Attribute in an AttributeStatement
            out.append("<saml2:AttributeStatement>");
            for (SamlAttribute attribute : content.attributes()) {
                attribute(out, attribute);
            }
            out.append("</saml2:AttributeStatement>");
        }
        out.append("</saml2:Assertion>");
    }

    /**
     * The response's start tag and Issuer: what precedes its enveloped signature.
     *
     * @param declareXsd declare {@code xsd} on the response (as OpenSAML does when the response is signed over a
     *                   plain assertion, whose xsi:type values use it)
     */
    static void responseHead(StringBuilder out, ResponseContent content, boolean declareXsd) {
        responseHead(out, content.destination(), content.responseId(), content.inResponseTo(), content.issueInstant(),
                content.issuer(), declareXsd);
    }

    /** The same for a response without an assertion ({@link StatusResponse}). */
    static void responseHead(StringBuilder out, StatusResponse response) {
        responseHead(out, response.destination(), response.responseId(), Optional.of(response.inResponseTo()),
                response.issueInstant(), response.issuer(), false);
    }

    private static void responseHead(StringBuilder out, String destination, String responseId,
                                     Optional<String> inResponseTo, Instant issueInstant, String issuer,
                                     boolean declareXsd) {
        out.append("<saml2p:Response xmlns:saml2p=\"" + SAML2P + "\"");
        if (declareXsd) {
            out.append(XSD_DECLARATION);
        }
        CanonicalXml.attribute(out, "Destination", destination, "Destination");
        CanonicalXml.attribute(out, "ID", responseId, "response ID");
        inResponseTo.ifPresent(id -> CanonicalXml.attribute(out, "InResponseTo", id, "InResponseTo"));
        CanonicalXml.attribute(out, "IssueInstant", time(issueInstant), "IssueInstant");
        out.append(" Version=\"2.0\"><saml2:Issuer xmlns:saml2=\"" + SAML2 + "\">");
        CanonicalXml.text(out, issuer, "issuer").append("</saml2:Issuer>");
    }

    /** {@code saml2p:Status} with the top-level code, the second-level code and the message of {@code response}. */
    static void status(StringBuilder out, StatusResponse response) {
        out.append("<saml2p:Status><saml2p:StatusCode");
        CanonicalXml.attribute(out, "Value", response.statusCode(), "StatusCode").append("><saml2p:StatusCode");
        CanonicalXml.attribute(out, "Value", response.secondLevelCode(), "second-level StatusCode");
        out.append("></saml2p:StatusCode></saml2p:StatusCode><saml2p:StatusMessage>");
        CanonicalXml.text(out, response.message(), "StatusMessage");
        out.append("</saml2p:StatusMessage></saml2p:Status>");
    }

    private static void subject(StringBuilder out, ResponseContent content) {
        out.append("<saml2:Subject><saml2:NameID");
        CanonicalXml.attribute(out, "Format", content.nameId().format(), "NameID Format").append('>');
        CanonicalXml.text(out, content.nameId().value(), "NameID").append("</saml2:NameID>");
        out.append("<saml2:SubjectConfirmation Method=\"" + BEARER + "\"><saml2:SubjectConfirmationData");
        content.inResponseTo().ifPresent(id -> CanonicalXml.attribute(out, "InResponseTo", id, "InResponseTo"));
        CanonicalXml.attribute(out, "NotOnOrAfter", time(content.notOnOrAfter()), "NotOnOrAfter");
        CanonicalXml.attribute(out, "Recipient", content.destination(), "Recipient");
        out.append("></saml2:SubjectConfirmationData></saml2:SubjectConfirmation></saml2:Subject>");
    }

    private static void authnStatement(StringBuilder out, ResponseContent content) {
        out.append("<saml2:AuthnStatement");
        CanonicalXml.attribute(out, "AuthnInstant", time(content.authnInstant()), "AuthnInstant");
        CanonicalXml.attribute(out, "SessionIndex", content.sessionIndex(), "SessionIndex");
        CanonicalXml.attribute(out, "SessionNotOnOrAfter", time(content.sessionNotOnOrAfter()), "SessionNotOnOrAfter");
        out.append("><saml2:AuthnContext><saml2:AuthnContextClassRef>");
        CanonicalXml.text(out, content.authnContextClassRef(), "AuthnContextClassRef");
        out.append("</saml2:AuthnContextClassRef></saml2:AuthnContext></saml2:AuthnStatement>");
    }

    private static void attribute(StringBuilder out, SamlAttribute attribute) {
        out.append("<saml2:Attribute");
        CanonicalXml.attribute(out, "Name", attribute.name(), "attribute name");
        out.append(" NameFormat=\"" + SamlAttribute.NAME_FORMAT_URI + "\">");
        for (String value : attribute.values()) {
            out.append(VALUE_START);
            CanonicalXml.text(out, value, attribute.name()).append("</saml2:AttributeValue>");
        }
        out.append("</saml2:Attribute>");
    }

    /** xs:dateTime in UTC with milliseconds, as OpenSAML writes it. */
    static String time(Instant instant) {
        return DATE_TIME.format(instant);
    }
}
