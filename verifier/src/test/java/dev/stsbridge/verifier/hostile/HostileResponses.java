package dev.stsbridge.verifier.hostile;

import org.w3c.dom.Document;
import org.w3c.dom.Element;

import dev.stsbridge.verifier.saml.SamlNames;
import dev.stsbridge.verifier.testing.TestResponse;

/**
 * Hostile SAML responses, one factory method per rule or published attack, each derived from a response that the
 * verifier accepts. The XML-signature-wrapping family follows the catalogue of SAML Raider (XSW1-XSW8, after
 * Somorovsky et al., "On Breaking SAML: Be Whoever You Want to Be", USENIX Security 2012). Every evil part claims
 * {@code admin@example.com} and the role {@link TestResponse#EVIL_ROLE_ARN}.
 */
final class HostileResponses {
    private HostileResponses() {
    }

    private static Document assertionSigned() {
        return TestResponse.alice().signedDocument();
    }

    private static Document responseSigned() {
        return TestResponse.alice().signed(TestResponse.Signed.RESPONSE).signedDocument();
    }

    /** XSW1: an evil Response at the root keeps the signature, and the signed original hides inside it. */
    static Document xsw1ClonedResponseInsideSignature() {
        Document document = responseSigned();
        Element original = Dom.response(document);
        Element signature = Dom.signatureOf(original);
        Element evil = (Element) original.cloneNode(true);
        Dom.removeSignature(evil);
        evil.setAttributeNS(null, "ID", "_evil-response");
        Dom.makeEvil(Dom.first(evil, SamlNames.ASSERTION, "Assertion"));
        original.removeChild(signature);
        evil.insertBefore(signature, Dom.afterIssuer(evil));
        document.replaceChild(evil, original);
        signature.appendChild(original);
        return document;
    }

    /** XSW2: like XSW1, but the signed original stands detached before the signature. */
    static Document xsw2ClonedResponseBeforeSignature() {
        Document document = responseSigned();
        Element original = Dom.response(document);
        Element signature = Dom.signatureOf(original);
        Element evil = (Element) original.cloneNode(true);
        Dom.removeSignature(evil);
        evil.setAttributeNS(null, "ID", "_evil-response");
        Dom.makeEvil(Dom.first(evil, SamlNames.ASSERTION, "Assertion"));
        original.removeChild(signature);
        document.replaceChild(evil, original);
        evil.insertBefore(signature, Dom.afterIssuer(evil));
        evil.insertBefore(original, signature);
        return document;
    }

    /** XSW3: an unsigned evil Assertion before the signed one. */
    static Document xsw3EvilAssertionBeforeSigned() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Dom.response(document).insertBefore(Dom.evilCopy(signed, "_evil-assertion"), signed);
        return document;
    }

    /** XSW3, mirrored: the unsigned evil Assertion after the signed one. */
    static Document xsw3EvilAssertionAfterSigned() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Dom.response(document).appendChild(Dom.evilCopy(signed, "_evil-assertion"));
        return document;
    }

    /** XSW4: the evil Assertion wraps the signed one. */
    static Document xsw4SignedAssertionInsideEvil() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Element evil = Dom.evilCopy(signed, "_evil-assertion");
        Dom.response(document).replaceChild(evil, signed);
        evil.appendChild(signed);
        return document;
    }

    /** XSW5: the signed Assertion is changed in place; an unsigned copy of the original goes at the end. */
    static Document xsw5TamperedSignedWithOriginalCopyAtEnd() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Element copy = (Element) signed.cloneNode(true);
        Dom.removeSignature(copy);
        Dom.makeEvil(signed);
        Dom.response(document).appendChild(copy);
        return document;
    }

    /** XSW6: the signed Assertion is changed; a copy of the original hides inside its Signature. */
    static Document xsw6TamperedSignedWithOriginalInsideSignature() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Element copy = (Element) signed.cloneNode(true);
        Dom.removeSignature(copy);
        Dom.makeEvil(signed);
        Dom.signatureOf(signed).appendChild(copy);
        return document;
    }

    /** XSW7: the signed Assertion moves into samlp:Extensions; an unsigned evil one takes its place. */
    static Document xsw7SignedAssertionInExtensions() {
        Document document = assertionSigned();
        Element response = Dom.response(document);
        Element signed = Dom.assertion(document);
        Element evil = Dom.evilCopy(signed, "_evil-assertion");
        response.replaceChild(evil, signed);
        Element extensions = Dom.extensions(document);
        extensions.appendChild(signed);
        response.insertBefore(extensions, Dom.afterIssuer(response));
        return document;
    }

    /** XSW8: the signed Assertion is changed; the original, unsigned, hides in a ds:Object of its Signature. */
    static Document xsw8OriginalInSignatureObject() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Element copy = (Element) signed.cloneNode(true);
        Dom.removeSignature(copy);
        Dom.makeEvil(signed);
        Element object = Dom.element(document, SamlNames.DSIG, "ds:Object");
        object.appendChild(copy);
        Dom.signatureOf(signed).appendChild(object);
        return document;
    }

    /** Another element carries the signed Assertion's ID (a second target for the Reference). */
    static Document duplicateIds() {
        Document document = assertionSigned();
        Element response = Dom.response(document);
        Element extensions = Dom.extensions(document);
        Element other = Dom.element(document, "urn:example:ext", "x:Data");
        other.setAttributeNS(null, "ID", Dom.assertion(document).getAttributeNS(null, "ID"));
        extensions.appendChild(other);
        response.insertBefore(extensions, Dom.afterIssuer(response));
        return document;
    }

    /** An evil Assertion whose ID is a namespaced attribute {@code x:ID} equal to the signed one's (ID confusion). */
    static Document namespacedDuplicateId() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Element evil = Dom.evilCopy(signed, "_unused");
        evil.removeAttributeNS(null, "ID");
        Dom.declare(evil, "x", "urn:example:x");
        evil.setAttributeNS("urn:example:x", "x:ID", signed.getAttributeNS(null, "ID"));
        Element extensions = Dom.extensions(document);
        extensions.appendChild(evil);
        Dom.response(document).insertBefore(extensions, Dom.afterIssuer(Dom.response(document)));
        return document;
    }

    /**
     * CVE-2024-45409 shape (ruby-saml): the genuine Signature is moved where a document-wide XPath
     * ({@code //ds:Signature}) still finds it, into samlp:Extensions, and the Assertion is made evil.
     */
    static Document cve2024_45409SignatureHiddenInExtensions() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Element signature = Dom.signatureOf(signed);
        signed.removeChild(signature);
        Dom.makeEvil(signed);
        Element extensions = Dom.extensions(document);
        extensions.appendChild(signature);
        Dom.response(document).insertBefore(extensions, Dom.afterIssuer(Dom.response(document)));
        return document;
    }

    /**
     * CVE-2024-45409 shape: the Assertion is made evil and a second DigestValue (for the evil content) is smuggled
     * in front of the genuine one, where a "first DigestValue in the document" lookup would take it.
     */
    static Document cve2024_45409SecondDigestValue() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Dom.makeEvil(signed);
        Element digest = Dom.first(signed, SamlNames.DSIG, "DigestValue");
        Element smuggled = (Element) digest.cloneNode(true);
        smuggled.setTextContent("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
        digest.getParentNode().insertBefore(smuggled, digest);
        return document;
    }

    /**
     * CVE-2025-25292 shape (namespace confusion): an element that looks like {@code ds:Signature} but binds the
     * {@code ds} prefix to another namespace sits in the evil Assertion; the genuine signature is gone.
     */
    static Document cve2025_25292LookalikeSignatureNamespace() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Element signature = Dom.signatureOf(signed);
        Element lookalike = Dom.element(document, "http://www.w3.org/2000/09/xmldsig#-not", "ds:Signature");
        while (signature.getFirstChild() != null) {
            lookalike.appendChild(signature.getFirstChild());
        }
        signed.replaceChild(lookalike, signature);
        Dom.makeEvil(signed);
        return document;
    }

    /**
     * CVE-2025-25292 shape: an "Assertion" in a foreign namespace that a prefix-based reader would take for the
     * assertion; the verifier must ignore it and consume only the signed saml:Assertion.
     */
    static Document cve2025_25292ForeignNamespaceAssertion() {
        Document document = assertionSigned();
        Element signed = Dom.assertion(document);
        Element foreign = Dom.element(document, "urn:example:not-saml", "saml2:Assertion");
        Dom.declare(foreign, "saml", SamlNames.ASSERTION);
        Dom.declare(foreign, "xs", "http://www.w3.org/2001/XMLSchema");
        Dom.declare(foreign, "xsi", "http://www.w3.org/2001/XMLSchema-instance");
        Element copy = Dom.evilCopy(signed, "_foreign");
        while (copy.getFirstChild() != null) {
            foreign.appendChild(copy.getFirstChild());
        }
        Dom.response(document).insertBefore(foreign, signed);
        return document;
    }
}
