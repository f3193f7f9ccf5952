package dev.stsbridge.idp.web.sp;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.Unmarshaller;
import org.opensaml.core.xml.io.UnmarshallingException;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.saml2.core.AuthnContextClassRef;
import org.opensaml.saml.saml2.core.AuthnRequest;
import org.opensaml.saml.saml2.core.RequestedAuthnContext;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.idp.mfa.AuthnContextRequest;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.xml.SecureXml;
import dev.stsbridge.xml.XmlParseException;

/**
 * The checks of an AuthnRequest, in one readable method ({@link #check}): hardened parse (no DTD) -> an
 * AuthnRequest -> a registered issuer -> its signature (required when the SP signs or the configuration says so;
 * checked whenever present) -> SAML 2.0 and an ID -> Destination is our SSO URL (when given) -> IssueInstant
 * within {@link #MAX_SKEW} of now -> the ACS URL (or index) is one of the SP's -> the ID not seen before; the
 * RequestedAuthnContext, if any, is read for the answer to honour. The SOAP
 * binding (ECP) is checked the same way: the request is the envelope body's one element, its Destination (when
 * given) is the ECP URL, and it may ask for the PAOS binding.
 * Each refusal is a 400 with one line saying what is wrong; no response is ever sent to a bad request.
 */
final class AuthnRequestChecks {

    static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final String PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";
    static final String PAOS = "urn:oasis:names:tc:SAML:2.0:bindings:PAOS";
    private static final Pattern NC_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9._-]{0,255}");

    private final ServiceProviders sps;
    private final URI ssoUrl;
    private final URI ecpUrl;
    private final Clock clock;
    private final ReplayCache replays;

    AuthnRequestChecks(ServiceProviders sps, URI ssoUrl, URI ecpUrl, Clock clock, ReplayCache replays) {
        this.sps = sps;
        this.ssoUrl = ssoUrl;
        this.ecpUrl = ecpUrl;
        this.clock = clock;
        this.replays = replays;
    }

    CheckedRequest check(InboundRequest in) {
        Document document = parse(in.xml());
        boolean soap = in.binding() == InboundRequest.Binding.SOAP;
        Element root = soap ? SoapEnvelope.bodyElement(document) : document.getDocumentElement();
        AuthnRequest request = unmarshal(root);
        RegisteredSp sp = issuer(request);
        signature(in, document, root, request, sp);
        String id = idAndVersion(request);
        destination(request, soap ? ecpUrl : ssoUrl);
        Instant issued = fresh(request);
        URI acs = acs(request, sp, soap);
        replays.firstUse(sp.entityId(), id, issued.plus(MAX_SKEW).plusSeconds(1));
        return new CheckedRequest(sp, id, acs, in.relayState(), Boolean.TRUE.equals(request.isForceAuthn()),
                Boolean.TRUE.equals(request.isPassive()), authnContext(request));
    }

    /** The RequestedAuthnContext's comparison and class references (declaration references are never satisfied). */
    private static Optional<AuthnContextRequest> authnContext(AuthnRequest request) {
        RequestedAuthnContext requested = request.getRequestedAuthnContext();
        if (requested == null) {
            return Optional.empty();
        }
        Optional<String> comparison = Optional.ofNullable(requested.getComparison()).map(Object::toString);
        List<String> refs = requested.getAuthnContextClassRefs().stream().map(AuthnContextClassRef::getURI)
                .filter(Objects::nonNull).map(String::strip).toList();
        if (refs.isEmpty() && requested.getAuthnContextDeclRefs().isEmpty()) {
            throw HttpError.badRequest("The RequestedAuthnContext lists no AuthnContextClassRef.");
        }
        try {
            return Optional.of(new AuthnContextRequest(AuthnContextRequest.Comparison.of(comparison), refs));
        } catch (IllegalArgumentException e) {
            throw HttpError.badRequest("The RequestedAuthnContext's Comparison \"" + comparison.orElse("")
                    + "\" is not exact, minimum, maximum or better.");
        }
    }

    private static Document parse(byte[] xml) {
        try {
            return SecureXml.parse(xml);
        } catch (XmlParseException e) {
            throw HttpError.badRequest("The SAMLRequest is not acceptable XML: " + e.getMessage());
        }
    }

    private static AuthnRequest unmarshal(Element root) {
        if (!PROTOCOL.equals(root.getNamespaceURI()) || !"AuthnRequest".equals(root.getLocalName())) {
            throw HttpError.badRequest("The SAMLRequest is not a SAML 2.0 AuthnRequest (it is <" + root.getTagName()
                    + ">).");
        }
        try {
            Unmarshaller unmarshaller = XMLObjectProviderRegistrySupport.getUnmarshallerFactory().getUnmarshaller(root);
            XMLObject object = unmarshaller.unmarshall(root);
            return (AuthnRequest) object;
        } catch (UnmarshallingException | ClassCastException | NullPointerException e) {
            throw HttpError.badRequest("The AuthnRequest cannot be read: " + e.getMessage());
        }
    }

    private RegisteredSp issuer(AuthnRequest request) {
        String issuer = request.getIssuer() == null ? null : request.getIssuer().getValue();
        if (issuer == null || issuer.isBlank()) {
            throw HttpError.badRequest("The AuthnRequest has no Issuer.");
        }
        String shown = issuer.length() > 200 ? issuer.substring(0, 200) + "..." : issuer;
        return sps.find(issuer.strip()).orElseThrow(() -> HttpError.badRequest("Unknown service provider \""
                + shown + "\": register its metadata under service-providers."));
    }

    private static void signature(InboundRequest in, Document document, Element root, AuthnRequest request,
                                  RegisteredSp sp) {
        boolean signed = in.binding() == InboundRequest.Binding.REDIRECT ? in.querySignature().isPresent()
                : request.getSignature() != null;
        if (!signed) {
            if (sp.signsRequests()) {
                throw HttpError.badRequest("The AuthnRequest must be signed: service provider " + sp.entityId()
                        + " signs its requests.");
            }
            return;
        }
        if (in.binding() == InboundRequest.Binding.REDIRECT) {
            RequestSignatures.verifyQuery(in.querySignature().orElseThrow(), sp.metadata().signingCertificates());
        } else {
            RequestSignatures.verifyEnveloped(document, root, request, sp.metadata().signingCertificates());
        }
    }

    private static String idAndVersion(AuthnRequest request) {
        if (request.getVersion() == null || !SAMLVersion.VERSION_20.equals(request.getVersion())) {
            throw HttpError.badRequest("The AuthnRequest is not SAML version 2.0.");
        }
        String id = request.getID();
        if (id == null || !NC_NAME.matcher(id).matches()) {
            throw HttpError.badRequest("The AuthnRequest has no valid ID (an xs:NCName of at most 256 characters).");
        }
        return id;
    }

    private static void destination(AuthnRequest request, URI endpoint) {
        String destination = request.getDestination();
        if (destination != null && !destination.equals(endpoint.toString())) {
            throw HttpError.badRequest("The AuthnRequest's Destination \"" + destination
                    + "\" is not this IdP's endpoint " + endpoint + ".");
        }
    }

    private Instant fresh(AuthnRequest request) {
        Instant issued = request.getIssueInstant();
        if (issued == null) {
            throw HttpError.badRequest("The AuthnRequest has no IssueInstant.");
        }
        Instant now = clock.instant();
        if (issued.isBefore(now.minus(MAX_SKEW)) || issued.isAfter(now.plus(MAX_SKEW))) {
            throw HttpError.badRequest("The AuthnRequest was issued at " + issued + ", more than "
                    + MAX_SKEW.toMinutes() + " minutes from now (" + now + ").");
        }
        return issued;
    }

    private static URI acs(AuthnRequest request, RegisteredSp sp, boolean soap) {
        String binding = request.getProtocolBinding();
        if (soap && PAOS.equals(binding)) { // ECP: the response goes back in the SOAP answer, to the ACS named there
            binding = null;
        }
        if (binding != null && !binding.equals(RegisteredSp.HTTP_POST)) {
            throw HttpError.badRequest("The AuthnRequest asks for the response binding " + binding
                    + "; only HTTP-POST is supported.");
        }
        String url = request.getAssertionConsumerServiceURL();
        Integer index = request.getAssertionConsumerServiceIndex();
        if (url != null && index != null) {
            throw HttpError.badRequest("The AuthnRequest gives both an AssertionConsumerServiceURL and an index.");
        }
        if (url != null) {
            return sp.acs(url).orElseThrow(() -> HttpError.badRequest("The AssertionConsumerServiceURL \""
                    + url + "\" is not registered for service provider " + sp.entityId() + "."));
        }
        return Optional.ofNullable(index).map(i -> sp.acs(i).orElseThrow(() -> HttpError.badRequest(
                "The AssertionConsumerServiceIndex " + i + " is not registered for service provider "
                        + sp.entityId() + "."))).orElseGet(sp::defaultAcs);
    }
}
