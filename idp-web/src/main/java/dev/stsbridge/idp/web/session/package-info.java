/**
 * IdP sessions: a random 256-bit ID in an {@code HttpOnly; SameSite=Lax} cookie ({@code Secure} under TLS), a
 * CSRF token per session, idle and absolute timeouts, a new ID at login, the SP-initiated request waiting for
 * the login, and the SPs that got an assertion in the session (NameID and SessionIndex, for single logout).
 * Stored behind {@link dev.stsbridge.idp.web.session.SessionStore} (in memory by default).
 */
package dev.stsbridge.idp.web.session;
