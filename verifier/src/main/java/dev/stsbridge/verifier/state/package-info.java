/**
 * Step "persist": the verifier's state (SAML providers with their metadata and private keys, roles) as one JSON file
 * in the data directory, replaced atomically on every change so that a crash never leaves it half-written.
 */
package dev.stsbridge.verifier.state;
