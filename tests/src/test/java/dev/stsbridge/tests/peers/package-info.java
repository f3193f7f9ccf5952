/**
 * Independent SAML peers judge our responses: Debian's xmlsec1 (libxmlsec1 + OpenSSL), and python3-pysaml2 and
 * python3-onelogin-saml2 as AWS-like service providers configured only from our signed metadata.
 */
package dev.stsbridge.tests.peers;
