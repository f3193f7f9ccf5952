/**
 * Login and logout: the password form against the directory with a CSRF token, one message for every wrong
 * credential, throttling per username and per client address, local-only {@code next} redirects.
 */
package dev.stsbridge.idp.web.login;
