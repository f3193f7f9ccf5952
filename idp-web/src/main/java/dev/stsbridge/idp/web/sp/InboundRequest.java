package dev.stsbridge.idp.web.sp;

import java.util.Objects;
import java.util.Optional;

/**
 * A decoded SAMLRequest as a binding delivered it: the XML bytes, the RelayState, and, for the HTTP-Redirect
 * binding, the query-string signature with the exact octets it covers.
 */
public record InboundRequest(byte[] xml, Optional<String> relayState, Binding binding,
                      Optional<QuerySignature> querySignature) {

    /** HTTP-Redirect, HTTP-POST, or the SOAP binding of ECP ({@code xml} is then the whole envelope). */
    public enum Binding { REDIRECT, POST, SOAP }

    /** {@code SigAlg} and {@code Signature} of the HTTP-Redirect binding, and the octets they sign. */
    public record QuerySignature(String algorithm, byte[] signature, byte[] signedOctets) {
        public QuerySignature {
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(signature, "signature");
            Objects.requireNonNull(signedOctets, "signedOctets");
        }
    }

    public InboundRequest {
        Objects.requireNonNull(xml, "xml");
        Objects.requireNonNull(relayState, "relayState");
        Objects.requireNonNull(binding, "binding");
        Objects.requireNonNull(querySignature, "querySignature");
    }
}
