package dev.stsbridge.idp.web.slo;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.RequestAbstractType;
import org.opensaml.saml.saml2.core.StatusResponseType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.sp.InboundRequest;
import dev.stsbridge.idp.web.sp.RegisteredSp;
import dev.stsbridge.idp.web.sp.RequestSignatures;
import dev.stsbridge.idp.web.sp.ServiceProviders;
import dev.stsbridge.xml.SecureXml;
import dev.stsbridge.xml.XmlParseException;

/**
 * The checks every single logout message gets, a LogoutRequest or a LogoutResponse, in one readable method
 * ({@link #verify}): hardened parse (no DTD, no entities) -> the expected SAML 2.0 element -> a registered issuer
 * -> that SP lists a SingleLogoutService -> its signature, required (HTTP-Redirect: SigAlg and Signature over the
 * query; HTTP-POST: the enveloped signature under OpenSAML's profile rules), against the SP's metadata certificates
 * only -> SAML 2.0 and an ID -> Destination, required, is our SLO URL -> IssueInstant within {@link #MAX_SKEW} of
 * now. Each refusal is a 400 with one line saying what is wrong.
 */
final class SloMessageChecks {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    private static final Pattern NC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,255}");

    private final ServiceProviders sps;
    private final URI sloUrl;
    private final Clock clock;

    SloMessageChecks(ServiceProviders sps, URI sloUrl, Clock clock) {
        this.sps = sps;
        this.sloUrl = sloUrl;
        this.clock = clock;
    }

    /** A message that passed the common checks: its object, who sent it, its ID and IssueInstant. */
    record Verified<T extends SignableSAMLObject>(T message, RegisteredSp sp, String id, Instant issued) {
    }

    /**
     * @param type {@code LogoutRequest.class} or {@code LogoutResponse.class}
     * @param what the element's local name, {@code LogoutRequest} or {@code LogoutResponse}
     */
    <T extends SignableSAMLObject> Verified<T> verify(InboundRequest in, Class<T> type, String what) {
        Document document = parse(in.xml(), what);
        Element root = document.getDocumentElement();
        T message = unmarshal(root, type, what);
        RegisteredSp sp = issuer(issuerOf(message), what);
        if (sp.singleLogoutService().isEmpty()) {
            throw HttpError.badRequest("The service provider " + sp.entityId() + " lists no SingleLogoutService "
                    + "(HTTP-Redirect or HTTP-POST) in its metadata, so it cannot use single logout.");
        }
        signature(in, document, root, message, sp, what);
        String id = idAndVersion(message, what);
        destination(message, what);
        return new Verified<>(message, sp, id, fresh(message, what));
    }

    private static Document parse(byte[] xml, String what) {
        try {
            return SecureXml.parse(xml);
        } catch (XmlParseException e) {
            throw HttpError.badRequest("The " + what + " is not acceptable XML: " + e.getMessage());
        }
    }

    private static <T extends SignableSAMLObject> T unmarshal(Element root, Class<T> type, String what) {
        if (!PROTOCOL.equals(root.getNamespaceURI()) || !what.equals(root.getLocalName())) {
            throw HttpError.badRequest("The message is not a SAML 2.0 " + what + " (it is <" + root.getTagName()
                    + ">).");
        }
        try {
            XMLObject object = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(root)
                    .unmarshall(root);
            return type.cast(object);
        } catch (UnmarshallingException | ClassCastException | NullPointerException e) {
            throw HttpError.badRequest("The " + what + " cannot be read: " + e.getMessage());
        }
    }

    private RegisteredSp issuer(Issuer element, String what) {
        String issuer = element == null ? null : element.getValue();
        if (issuer == null || issuer.isBlank()) {
            throw HttpError.badRequest("The " + what + " has no Issuer.");
        }
        String shown = issuer.length() > 200 ? issuer.substring(0, 200) + "..." : issuer;
        return sps.find(issuer.strip()).orElseThrow(() -> HttpError.badRequest("Unknown service provider \""
                + shown + "\": register its metadata under service-providers."));
    }

    private static void signature(InboundRequest in, Document document, Element root, SignableSAMLObject message,
                                  RegisteredSp sp, String what) {
        if (in.binding() == InboundRequest.Binding.REDIRECT) {
            RequestSignatures.verifyQuery(in.querySignature().orElseThrow(() -> unsigned(sp, what)),
                    sp.metadata().signingCertificates(), what);
            return;
        }
        if (message.getSignature() == null) {
            throw unsigned(sp, what);
        }
        RequestSignatures.verifyEnveloped(document, root, message, sp.metadata().signingCertificates(), what);
    }

    private static HttpError unsigned(RegisteredSp sp, String what) {
        return HttpError.badRequest("The " + what + " must be signed: single logout messages from "
                + sp.entityId() + " are accepted only with a valid signature.");
    }

    private static String idAndVersion(SignableSAMLObject message, String what) {
        SAMLVersion version = message instanceof RequestAbstractType r ? r.getVersion()
                : ((StatusResponseType) message).getVersion();
        if (!SAMLVersion.VERSION_20.equals(version)) {
            throw HttpError.badRequest("The " + what + " is not SAML version 2.0.");
        }
        String id = message instanceof RequestAbstractType r ? r.getID() : ((StatusResponseType) message).getID();
        if (id == null || !NC_NAME.matcher(id).matches()) {
            throw HttpError.badRequest("The " + what + " has no valid ID (an xs:NCName of at most 256 characters).");
        }
        return id;
    }

    private void destination(SignableSAMLObject message, String what) {
        String destination = message instanceof RequestAbstractType r ? r.getDestination()
                : ((StatusResponseType) message).getDestination();
        if (destination == null || !destination.equals(sloUrl.toString())) {
            throw HttpError.badRequest("The " + what + "'s Destination \"" + (destination == null ? "" : destination)
                    + "\" is not this IdP's single logout endpoint " + sloUrl + ".");
        }
    }

    private Instant fresh(SignableSAMLObject message, String what) {
        Instant issued = message instanceof RequestAbstractType r ? r.getIssueInstant()
                : ((StatusResponseType) message).getIssueInstant();
        if (issued == null) {
            throw HttpError.badRequest("The " + what + " has no IssueInstant.");
        }
        Instant now = clock.instant();
        if (issued.isBefore(now.minus(MAX_SKEW)) || issued.isAfter(now.plus(MAX_SKEW))) {
            throw HttpError.badRequest("The " + what + " was issued at " + issued + ", more than "
                    + MAX_SKEW.toMinutes() + " minutes from now (" + now + ").");
        }
        return issued;
    }

    private static Issuer issuerOf(SignableSAMLObject message) {
        return message instanceof RequestAbstractType r ? r.getIssuer() : ((StatusResponseType) message).getIssuer();
    }
}
