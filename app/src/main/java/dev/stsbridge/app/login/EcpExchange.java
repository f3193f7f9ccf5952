package dev.stsbridge.app.login;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.stsbridge.xml.SecureXml;
import dev.stsbridge.xml.XmlParseException;

/**
 * One ECP round trip as the client sees it (SAML 2.0 profiles §4.2): the AuthnRequest an ECP client writes for AWS
 * (Issuer {@code urn:amazon:webservices}, ACS the sign-in URL, PAOS; AWS itself never sends one) in a SOAP envelope,
 * and the checks on the answer the profile asks of the client: a SOAP envelope (parsed without DTDs) whose
 * {@code ecp:Response} header names exactly the ACS URL we asked for (else the response could be meant for someone
 * else), holding one {@code samlp:Response} in response to our request, with status Success. The AuthnRequest is
 * three attributes and an Issuer, written as text (all values are ours: a random ID, an instant and a checked URL).
 */
public final class EcpExchange {

    static final String AWS_ENTITY_ID = "urn:amazon:webservices";
    private static final String SOAP = "http://schemas.xmlsoap.org/soap/envelope/";
    private static final String ECP = "urn:oasis:names:tc:SAML:2.0:profiles:SSO:ecp";
    private static final String SAMLP = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final String SUCCESS = "urn:oasis:names:tc:SAML:2.0:status:Success";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The signed response, as AssumeRoleWithSAML takes it (base64), and the ACS URL it is for. */
    public record Answer(URI acsUrl, String samlResponse) {
        public Answer {
            Objects.requireNonNull(acsUrl, "acsUrl");
            Objects.requireNonNull(samlResponse, "samlResponse");
        }
    }

    private final URI acsUrl;
    private final String requestId;
    private final String issueInstant;

    private EcpExchange(URI acsUrl, String requestId, String issueInstant) {
        this.acsUrl = acsUrl;
        this.requestId = requestId;
        this.issueInstant = issueInstant;
    }

    /** A new exchange for AWS's sign-in URL (from the catalogue). */
    public static EcpExchange forAws(URI signinUrl) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        return new EcpExchange(signinUrl, "_" + HexFormat.of().formatHex(id),
                Clock.systemUTC().instant().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    String requestId() {
        return requestId;
    }

    /** The SOAP envelope with the AuthnRequest. */
    public byte[] envelope() {
        return ("<S:Envelope xmlns:S=\"" + SOAP + "\"><S:Body>"
                + "<samlp:AuthnRequest xmlns:samlp=\"" + SAMLP + "\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " ID=\"" + requestId + "\" Version=\"2.0\" IssueInstant=\"" + issueInstant + "\""
                + " AssertionConsumerServiceURL=\"" + attribute(acsUrl.toString()) + "\""
                + " ProtocolBinding=\"urn:oasis:names:tc:SAML:2.0:bindings:PAOS\">"
                + "<saml:Issuer>" + AWS_ENTITY_ID + "</saml:Issuer>"
                + "</samlp:AuthnRequest></S:Body></S:Envelope>").getBytes(StandardCharsets.UTF_8);
    }

    /** Checks the IdP's answer and takes the response out of it. */
    public Answer read(String soap) {
        Document document = parse(soap);
        Element header = single(document.getElementsByTagNameNS(ECP, "Response"), "ecp:Response header");
        String named = header.getAttribute("AssertionConsumerServiceURL");
        if (!named.equals(acsUrl.toString())) {
            throw refused("the IdP's ECP answer names the ACS URL '" + named + "', not " + acsUrl
                    + " as asked: refusing to use it");
        }
        Element response = single(document.getElementsByTagNameNS(SAMLP, "Response"), "samlp:Response");
        if (!SOAP.equals(response.getParentNode().getNamespaceURI())
                || !"Body".equals(response.getParentNode().getLocalName())) {
            throw refused("the samlp:Response is not the SOAP Body's content");
        }
        if (!requestId.equals(response.getAttribute("InResponseTo"))) {
            throw refused("the response answers request '" + response.getAttribute("InResponseTo") + "', not ours ("
                    + requestId + ")");
        }
        Element status = single(response.getElementsByTagNameNS(SAMLP, "StatusCode"), "StatusCode");
        if (!SUCCESS.equals(status.getAttribute("Value"))) {
            throw refused("the IdP answered with status " + status.getAttribute("Value"));
        }
        return new Answer(acsUrl, Base64.getEncoder().encodeToString(SecureXml.toBytes(response)));
    }

    /** The {@code faultstring} of a SOAP fault, if the text is one. */
    static Optional<String> faultString(String soap) {
        try {
            NodeList strings = SecureXml.parse(soap.getBytes(StandardCharsets.UTF_8)).getElementsByTagName("faultstring");
            return strings.getLength() == 1 ? Optional.of(strings.item(0).getTextContent().strip()) : Optional.empty();
        } catch (XmlParseException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Document parse(String soap) {
        try {
            Document document = SecureXml.parse(soap.getBytes(StandardCharsets.UTF_8));
            Element root = document.getDocumentElement();
            if (!SOAP.equals(root.getNamespaceURI()) || !"Envelope".equals(root.getLocalName())) {
                throw refused("the IdP's ECP answer is not a SOAP envelope");
            }
            return document;
        } catch (XmlParseException e) {
            throw refused("the IdP's ECP answer is not acceptable XML: " + e.getMessage());
        }
    }

    private static Element single(NodeList nodes, String what) {
        if (nodes.getLength() != 1) {
            throw refused("the IdP's ECP answer has " + nodes.getLength() + " " + what + " elements, not one");
        }
        return (Element) nodes.item(0);
    }

    private static LoginFailure refused(String message) {
        return new LoginFailure(LoginFailure.Kind.IDP_REFUSED, message);
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
