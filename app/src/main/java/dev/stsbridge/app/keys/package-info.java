/** {@code stsbridge keys}: generate, rotate, promote and list the IdP's signing keys. */
package dev.stsbridge.app.keys;
