/** The IdP as an OpenID Connect provider, end to end: a real browser, HTTPS on loopback, an independent JWT check. */
package dev.stsbridge.tests.oidc;
