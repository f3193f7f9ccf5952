/**
 * IdP benchmarks: signed AWS responses per second (build + sign + serialise + base64) against raw RSA signatures
 * with the same key and provider. Run with {@code bench/run idp}; see bench/README.md.
 */
package dev.stsbridge.bench.idp;
