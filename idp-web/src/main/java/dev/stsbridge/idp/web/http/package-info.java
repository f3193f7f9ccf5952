/**
 * The HTTP edge of the IdP (Jetty 12 core handlers, no servlets): one {@link dev.stsbridge.idp.web.http.WebHandler}
 * gives every request an ID and the security headers, routes it by exact path and method to an
 * {@link dev.stsbridge.idp.web.http.Endpoint}, and turns failures into error pages; an
 * {@link dev.stsbridge.idp.web.http.Exchange} is what an endpoint sees of the request and how it answers.
 */
package dev.stsbridge.idp.web.http;
