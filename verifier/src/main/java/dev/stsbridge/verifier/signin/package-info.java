/**
 * The console sign-in endpoint model: {@code POST /saml} and {@code /saml/acs/<IdP-ID>} (the HTTP-POST binding),
 * AWS's "Select a role:" page, and a {@code /console} landing page showing the role session. The same decode,
 * parse, verify and validate steps as AssumeRoleWithSAML; a Jetty 12 core {@link org.eclipse.jetty.server.Handler}.
 */
package dev.stsbridge.verifier.signin;
