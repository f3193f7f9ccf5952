/**
 * Independent SAML peers judge our responses: Debian's xmlsec1 (libxmlsec1 + OpenSSL) and python3-pysaml2 as an
 * AWS-like service provider configured only from our signed metadata.
 */
package dev.stsbridge.tests.peers;
