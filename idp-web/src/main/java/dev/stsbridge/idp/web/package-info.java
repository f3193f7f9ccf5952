/**
 * The Jetty-hosted IdP: {@link dev.stsbridge.idp.web.IdpServer#start} serves an
 * {@link dev.stsbridge.idp.sso.IdpApplication} with the settings of
 * {@link dev.stsbridge.idp.web.ServerSettings}: login, portal, IdP- and SP-initiated SSO, metadata download,
 * explain page, health, metrics and the audit log. The subpackages are the steps: {@code http} (routing, headers,
 * errors), {@code html} (templates), {@code session}, {@code login}, {@code portal}, {@code sso} (IdP-initiated),
 * {@code sp} (SP-initiated, and ECP for command-line clients), {@code api} (the JSON role catalogue), {@code ops},
 * {@code tls}.
 */
package dev.stsbridge.idp.web;
