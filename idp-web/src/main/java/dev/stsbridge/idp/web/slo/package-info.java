/**
 * SAML single logout ({@code /saml2/slo}, HTTP-Redirect and HTTP-POST) and the sign-out button ({@code POST
 * /logout}): an SP's signed LogoutRequest is checked and matched to what the IdP sent that SP in this session,
 * the IdP session ends, LogoutRequests go to every other SP of the session with a SingleLogoutService, one after
 * another through the browser, their signed LogoutResponses are checked, and the SP that asked gets a signed
 * LogoutResponse (Success or PartialLogout); from the sign-out button, a page says which SPs confirmed.
 */
package dev.stsbridge.idp.web.slo;
