/** The IdP against a real OpenLDAP server (Debian's slapd on a loopback port), not only the embedded directory. */
package dev.stsbridge.tests.ldap;
