package dev.stsbridge.verifier.testing;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The response XML template (compact, as IdPs send it: signed XML is never pretty-printed). */
final class TestTemplate {
    private TestTemplate() {
    }

    static String render(TestResponse r) {
        return "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\""
                + " xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"" + r.responseId + "\" Version=\"2.0\""
                + " IssueInstant=\"" + r.issueInstant + "\" Destination=\"" + esc(r.recipient) + "\">"
                + "<saml:Issuer>" + esc(r.issuer) + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"" + esc(r.statusCode) + "\"/></samlp:Status>"
                + assertion(r) + "</samlp:Response>";
    }

    private static String assertion(TestResponse r) {
        return "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " ID=\"" + r.assertionId + "\" Version=\"2.0\" IssueInstant=\"" + r.issueInstant + "\">"
                + "<saml:Issuer>" + esc(r.issuer) + "</saml:Issuer>" + subject(r) + conditions(r)
                + authn(r) + attributes(r.attributes) + "</saml:Assertion>";
    }

    private static String subject(TestResponse r) {
        String nameId = r.nameId.map(n -> "<saml:NameID Format=\"" + esc(r.nameIdFormat) + "\">" + esc(n)
                + "</saml:NameID>").orElse("");
        return "<saml:Subject>" + nameId
                + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">"
                + "<saml:SubjectConfirmationData NotOnOrAfter=\"" + r.confirmationNotOnOrAfter + "\" Recipient=\""
                + esc(r.recipient) + "\"/></saml:SubjectConfirmation></saml:Subject>";
    }

    private static String conditions(TestResponse r) {
        StringBuilder audiences = new StringBuilder();
        for (String audience : r.audiences) {
            audiences.append("<saml:Audience>").append(esc(audience)).append("</saml:Audience>");
        }
        return "<saml:Conditions NotBefore=\"" + r.notBefore + "\" NotOnOrAfter=\"" + r.notOnOrAfter + "\">"
                + "<saml:AudienceRestriction>" + audiences + "</saml:AudienceRestriction></saml:Conditions>";
    }

    private static String authn(TestResponse r) {
        String session = r.sessionNotOnOrAfter.map(t -> " SessionNotOnOrAfter=\"" + t + "\"").orElse("");
        Instant at = r.issueInstant.minusSeconds(2);
        return "<saml:AuthnStatement AuthnInstant=\"" + at + "\" SessionIndex=\"_s1\"" + session + ">"
                + "<saml:AuthnContext><saml:AuthnContextClassRef>"
                + "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
                + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>";
    }

    private static String attributes(Map<String, List<String>> attributes) {
        StringBuilder xml = new StringBuilder("<saml:AttributeStatement>");
        attributes.forEach((name, values) -> {
            xml.append("<saml:Attribute Name=\"").append(esc(name)).append("\">");
            for (String value : values) {
                xml.append("<saml:AttributeValue xsi:type=\"xs:string\">").append(esc(value))
                        .append("</saml:AttributeValue>");
            }
            xml.append("</saml:Attribute>");
        });
        return xml.append("</saml:AttributeStatement>").toString();
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
