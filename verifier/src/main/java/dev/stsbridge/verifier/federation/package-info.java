/**
 * AWS's console federation endpoint ({@code /federation}, the "custom identity broker" flow): {@code getSigninToken}
 * turns this STS's temporary credentials into a 15-minute, single-use sign-in token (decode -> parse -> verify ->
 * validate -> issue), {@code login} redeems it for a console session shown at {@code /console}. A Jetty 12 core
 * {@link org.eclipse.jetty.server.Handler}.
 */
package dev.stsbridge.verifier.federation;
