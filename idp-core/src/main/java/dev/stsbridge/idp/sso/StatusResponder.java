package dev.stsbridge.idp.sso;

import java.net.URI;
import java.util.Objects;

import dev.stsbridge.idp.assertion.AssertionFactory;
import dev.stsbridge.idp.assertion.ResponseSigner;
import dev.stsbridge.idp.assertion.SignedResponse;

/**
 * Signed answers without an assertion to AuthnRequests the IdP will not satisfy, for any SP (AWS's sign-in or a
 * {@code basic} one): the status travels to the SP's checked ACS URL like a sign-in, and the SP shows its own error.
 */
public final class StatusResponder {

    private final String issuer;
    private final AssertionFactory factory;
    private final ResponseSigner signer;

    public StatusResponder(String issuer, AssertionFactory factory, ResponseSigner signer) {
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.factory = Objects.requireNonNull(factory, "factory");
        this.signer = Objects.requireNonNull(signer, "signer");
    }

    /**
     * {@code Responder} / {@code NoPassive}: the request was passive ({@code IsPassive="true"}) and nobody is signed
     * in, so the IdP may not show its login page (SAML 2.0 core §3.4.1).
     *
     * @param acsUrl the ACS URL, already checked against the SP's metadata
     * @param inResponseTo the AuthnRequest's ID
     */
    public SignedResponse noPassive(URI acsUrl, String inResponseTo) {
        return signer.sign(factory.noPassive(issuer, acsUrl.toString(), inResponseTo));
    }

    /**
     * {@code Responder} / {@code NoAuthnContext}: the request's RequestedAuthnContext cannot be satisfied (SAML 2.0
     * core §3.3.2.2.1).
     *
     * @param reason one line for the SP's logs
     */
    public SignedResponse noAuthnContext(URI acsUrl, String inResponseTo, String reason) {
        return signer.sign(factory.noAuthnContext(issuer, acsUrl.toString(), inResponseTo, reason));
    }
}
