/**
 * The IdP's flow in one place: from a signed-in person to the POST form that carries their signed SAML
 * response to AWS ({@link dev.stsbridge.idp.sso.SsoService}), and the wiring of every piece from the
 * configuration ({@link dev.stsbridge.idp.sso.IdpApplication}). No HTTP types here: the web layer and the
 * {@code stsbridge assertion} command both call it.
 */
package dev.stsbridge.idp.sso;
