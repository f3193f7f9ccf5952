/**
 * What a signed-in person sees: the portal of their AWS accounts and roles ({@code /portal}) and the explanation
 * of the claims, tags and the assertion AWS would get ({@code /explain}).
 */
package dev.stsbridge.idp.web.portal;
