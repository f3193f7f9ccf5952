package dev.stsbridge.idp.assertion;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.zip.Deflater;

import javax.xml.namespace.QName;

import org.opensaml.core.xml.XMLObject;
import org.opensaml.core.xml.config.XMLObjectProviderRegistrySupport;
import org.opensaml.core.xml.io.MarshallingException;
import org.opensaml.saml.common.SAMLVersion;
import org.opensaml.saml.common.SignableSAMLObject;
import org.opensaml.saml.saml2.core.Issuer;
import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.LogoutResponse;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.SessionIndex;
import org.opensaml.saml.saml2.core.Status;
import org.opensaml.saml.saml2.core.StatusCode;
import org.opensaml.saml.saml2.core.StatusMessage;
import org.opensaml.security.x509.BasicX509Credential;
import org.opensaml.xmlsec.signature.support.SignatureException;
import org.opensaml.xmlsec.signature.support.Signer;

import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.xml.OpenSaml;
import dev.stsbridge.xml.SecureXml;

/**
 * The IdP's SAML single logout messages (SAML 2.0 core §3.7): {@code LogoutRequest}s to the SPs a person signed in
 * to, and {@code LogoutResponse}s to an SP that asked. Built with OpenSAML's object model and signed with the IdP's
 * key, as the binding wants: HTTP-POST, an enveloped signature (the algorithms of {@link Algorithms}, exclusive c14n,
 * one Reference to the message's ID, KeyInfo with the certificate); HTTP-Redirect, no XML signature but
 * {@code SigAlg} and {@code Signature} over the query string (bindings §3.4.4.1), the XML raw-DEFLATEd. Thread-safe.
 */
public final class LogoutMessages {

    private final String issuer;
    private final SigningKey key;
    private final Clock clock;
    private final SecureRandom random;
    private final BasicX509Credential credential;
    private final String certificate;

    public LogoutMessages(String issuer, SigningKey key, Clock clock, SecureRandom random) {
        OpenSaml.initialize();
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.key = Objects.requireNonNull(key, "key");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.credential = new BasicX509Credential(key.certificate(), key.privateKey());
        try {
            this.certificate = Base64.getEncoder().encodeToString(key.certificate().getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("cannot encode the certificate of " + key.id(), e);
        }
    }

    /** A LogoutRequest for {@code subject}'s session at the SP whose SLO endpoint is {@code destination}. */
    public SignedLogoutMessage request(URI destination, LogoutSubject subject, SamlBinding binding,
                                       Optional<String> relayState) {
        LogoutRequest request = build(LogoutRequest.DEFAULT_ELEMENT_NAME);
        String id = newId();
        request.setID(id);
        request.setVersion(SAMLVersion.VERSION_20);
        request.setIssueInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        request.setDestination(destination.toString());
        request.setIssuer(issuer());
        NameID nameId = build(NameID.DEFAULT_ELEMENT_NAME);
        nameId.setValue(subject.nameId());
        nameId.setFormat(subject.format());
        subject.nameQualifier().ifPresent(nameId::setNameQualifier);
        subject.spNameQualifier().ifPresent(nameId::setSPNameQualifier);
        request.setNameID(nameId);
        SessionIndex index = build(SessionIndex.DEFAULT_ELEMENT_NAME);
        index.setValue(subject.sessionIndex());
        request.getSessionIndexes().add(index);
        return render(request, id, SignedLogoutMessage.REQUEST, destination, binding, relayState);
    }

    /**
     * A LogoutResponse to the LogoutRequest {@code inResponseTo}.
     *
     * @param destination the SP's SLO ResponseLocation (or Location)
     * @param message a StatusMessage for the SP's logs, if any
     */
    public SignedLogoutMessage response(URI destination, String inResponseTo, LogoutStatus status,
                                        Optional<String> message, SamlBinding binding, Optional<String> relayState) {
        LogoutResponse response = build(LogoutResponse.DEFAULT_ELEMENT_NAME);
        String id = newId();
        response.setID(id);
        response.setVersion(SAMLVersion.VERSION_20);
        response.setIssueInstant(clock.instant().truncatedTo(ChronoUnit.MILLIS));
        response.setDestination(destination.toString());
        response.setInResponseTo(inResponseTo);
        response.setIssuer(issuer());
        response.setStatus(status(status, message));
        return render(response, id, SignedLogoutMessage.RESPONSE, destination, binding, relayState);
    }

    private SignedLogoutMessage render(SignableSAMLObject message, String id, String parameter, URI destination,
                                       SamlBinding binding, Optional<String> relayState) {
        if (binding == SamlBinding.POST) {
            byte[] xml = signEnveloped(message, id);
            return new SignedLogoutMessage(id, parameter, binding, destination, xml, relayState, Optional.empty());
        }
        byte[] xml = marshal(message, id);
        return new SignedLogoutMessage(id, parameter, binding, destination, xml, relayState,
                Optional.of(signedQuery(parameter, xml, relayState)));
    }

    /** {@code <parameter>=...[&RelayState=...]&SigAlg=...&Signature=...}, signed over everything before Signature. */
    private String signedQuery(String parameter, byte[] xml, Optional<String> relayState) {
        Algorithms.SignatureMethod method = Algorithms.signatureFor(key.algorithm());
        String octets = parameter + "=" + encode(Base64.getEncoder().encodeToString(deflate(xml)))
                + relayState.map(r -> "&RelayState=" + encode(r)).orElse("")
                + "&SigAlg=" + encode(method.uri());
        try {
            Signature signature = Signature.getInstance(method.jcaName());
            signature.initSign(key.privateKey());
            signature.update(octets.getBytes(StandardCharsets.UTF_8));
            return octets + "&Signature=" + encode(Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the logout message with " + key.id() + ": " + e, e);
        }
    }

    private byte[] signEnveloped(SignableSAMLObject message, String id) {
        org.opensaml.xmlsec.signature.Signature signature = EnvelopedSignatures.forKey(key, credential, certificate);
        message.setSignature(signature);
        marshal(message, id);
        try {
            Signer.signObject(signature);
        } catch (SignatureException e) {
            throw new IllegalStateException("cannot sign logout message " + id + ": " + e.getMessage(), e);
        }
        return SecureXml.toBytes(message.getDOM().getOwnerDocument());
    }

    private static byte[] marshal(XMLObject message, String id) {
        try {
            XMLObjectProviderRegistrySupport.getMarshallerFactory().getMarshaller(message).marshall(message);
        } catch (MarshallingException e) {
            throw new IllegalStateException("cannot write logout message " + id + ": " + e.getMessage(), e);
        }
        return SecureXml.toBytes(message.getDOM().getOwnerDocument());
    }

    private Issuer issuer() {
        Issuer element = build(Issuer.DEFAULT_ELEMENT_NAME);
        element.setValue(issuer);
        return element;
    }

    private static Status status(LogoutStatus value, Optional<String> message) {
        Status status = build(Status.DEFAULT_ELEMENT_NAME);
        StatusCode top = build(StatusCode.DEFAULT_ELEMENT_NAME);
        top.setValue(value.topLevel());
        value.secondLevel().ifPresent(second -> {
            StatusCode code = build(StatusCode.DEFAULT_ELEMENT_NAME);
            code.setValue(second);
            top.setStatusCode(code);
        });
        status.setStatusCode(top);
        message.ifPresent(text -> {
            StatusMessage element = build(StatusMessage.DEFAULT_ELEMENT_NAME);
            element.setValue(text);
            status.setStatusMessage(element);
        });
        return status;
    }

    private String newId() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return "_" + HexFormat.of().formatHex(bytes);
    }

    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static <T extends XMLObject> T build(QName name) {
        return (T) XMLObjectProviderRegistrySupport.getBuilderFactory().getBuilderOrThrow(name).buildObject(name);
    }
}
