package dev.stsbridge.idp.assertion;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.keys.SigningKey;

/**
 * Step 5 of the IdP flow, sign (and, between the two signatures, step 6, encrypt): turns an {@link AwsResponse} into
 * the signed XML for the HTTP-POST binding.
 *
 * <p>Signs the Assertion ({@link SigningMode#ASSERTION}, the default), the Response, or both: RSA-SHA256 with an RSA
 * key, ECDSA-SHA256 with an EC key ({@link Algorithms} chooses), exclusive c14n, SHA-256 digest, one Reference to
 * the signed element's ID, KeyInfo with only the X.509 certificate, the signature right after the Issuer as the
 * schema requires. The assertion is signed before it goes into the response, encrypted (if asked) after it is signed,
 * and the response signed last. The signature is computed by {@code CryptoProviders}' provider (Amazon Corretto
 * Crypto Provider where it loads) with the key converted to that provider's form once, here.
 *
 * <p>This is the lean path: the XML is written directly in canonical form ({@link AwsResponseXml},
 * {@link EnvelopedSignatureWriter}; hand-written, see there) instead of through OpenSAML's object model, DOM and
 * Santuario, which cost several times the RSA signature itself. {@link OpenSamlResponseSigner} is the reference: for
 * the same response and RSA key both produce the same canonical XML and byte-identical signature values (tested),
 * and the output verifies with OpenSAML and with xmlsec1. Thread-safe.
 */
public final class ResponseSigner {

    private static final Logger LOG = LoggerFactory.getLogger(ResponseSigner.class);
    private static final String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    private final SigningMode mode;
    private final EnvelopedSignatureWriter signatures;

    /** Signs assertions ({@link SigningMode#ASSERTION}) with {@code key}. */
    public ResponseSigner(SigningKey key) {
        this(key, SigningMode.ASSERTION);
    }

    public ResponseSigner(SigningKey key, SigningMode mode) {
        Objects.requireNonNull(key, "key");
        this.mode = Objects.requireNonNull(mode, "mode");
        this.signatures = new EnvelopedSignatureWriter(key);
    }

    /** Signs the response as the mode says; the assertion stays in clear. */
    public SignedResponse sign(AwsResponse response) {
        return render(response.content(), Optional.empty());
    }

    /**
     * Signs the assertion (if the mode says so), encrypts it for the SP with {@code encrypter}, then signs the response
     * (if the mode says so).
     */
    public SignedResponse sign(AwsResponse response, AssertionEncrypter encrypter) {
        return render(response.content(), Optional.of(encrypter));
    }

    /**
     * Signs a response without an assertion: the Response itself, whatever the mode (there is no assertion to
     * sign), so that the SP can trust the status.
     */
    public SignedResponse sign(StatusResponse response) {
        StringBuilder head = new StringBuilder(1024);
        AwsResponseXml.responseHead(head, response);
        StringBuilder tail = new StringBuilder(512);
        AwsResponseXml.status(tail, response);
        tail.append(AwsResponseXml.RESPONSE_END);
        String signature = signatures.sign(response.responseId(), utf8(new StringBuilder(head).append(tail)), false);
        LOG.debug("Signed status response {} ({}) to {}", response.responseId(), response.secondLevelCode(),
                response.inResponseTo());
        return SignedResponse.withoutAssertion((XML_DECLARATION + head + signature + tail)
                .getBytes(StandardCharsets.UTF_8), response.responseId());
    }

    public SigningMode mode() {
        return mode;
    }

    private SignedResponse render(ResponseContent content, Optional<AssertionEncrypter> encrypter) {
        String assertion = assertion(content);
        String payload = encrypter.map(e -> e.encrypt(assertion)).orElse(assertion);
        String xml = response(content, payload, encrypter.isEmpty());
        LOG.debug("Signed response {} (assertion {}, user {}, {}{})", content.responseId(), content.assertionId(),
                content.username(), mode, encrypter.isPresent() ? ", encrypted" : "");
        return new SignedResponse(xml.getBytes(StandardCharsets.UTF_8), content.responseId(), content.assertionId(),
                encrypter.isPresent());
    }

    /** The assertion in canonical form, self-contained, with its signature if the mode signs assertions. */
    private String assertion(ResponseContent content) {
        StringBuilder out = new StringBuilder(4096);
        AwsResponseXml.assertionHead(out, content);
        int afterIssuer = out.length();
        AwsResponseXml.assertionBody(out, content);
        if (!mode.signsAssertion()) {
            return out.toString();
        }
        String signature = signatures.sign(content.assertionId(), utf8(out), true);
        return out.insert(afterIssuer, signature).toString();
    }

    /** The response document around {@code payload} (an Assertion or an EncryptedAssertion). */
    private String response(ResponseContent content, String payload, boolean plainAssertion) {
        boolean declareXsd = mode.signsResponse() && plainAssertion;
        StringBuilder head = new StringBuilder(1024);
        AwsResponseXml.responseHead(head, content, declareXsd);
        String tail = AwsResponseXml.STATUS_SUCCESS + payload + AwsResponseXml.RESPONSE_END;
        if (!mode.signsResponse()) {
            return XML_DECLARATION + head + tail;
        }
        String inner = declareXsd ? withoutOwnXsd(payload) : payload;
        StringBuilder canonical = new StringBuilder(head.length() + tail.length()).append(head)
                .append(AwsResponseXml.STATUS_SUCCESS).append(inner).append(AwsResponseXml.RESPONSE_END);
        String signature = signatures.sign(content.responseId(), utf8(canonical), plainAssertion);
        return XML_DECLARATION + head + signature + tail;
    }

    /**
     * The assertion as exclusive c14n renders it inside a response that declares {@code xsd} itself: the
     * assertion's own (identical) declaration is not rendered again. The document keeps it, so that the assertion
     * stays self-contained for consumers that take it out of the response.
     */
    private static String withoutOwnXsd(String assertion) {
        int cut = AwsResponseXml.ASSERTION_START.length() - AwsResponseXml.XSD_DECLARATION.length();
        return assertion.substring(0, cut) + assertion.substring(AwsResponseXml.ASSERTION_START.length());
    }

    private static byte[] utf8(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
