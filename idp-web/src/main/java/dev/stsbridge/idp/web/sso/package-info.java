/**
 * IdP-initiated sign-in to AWS ({@code /sso/aws}) and the HTTP-POST binding page every SSO response leaves by: an
 * auto-submitting form (one hashed inline script, a visible button without JavaScript), never cached.
 */
package dev.stsbridge.idp.web.sso;
