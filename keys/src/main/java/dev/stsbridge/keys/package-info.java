/** Signing keys: generation, self-signed certificates, the PKCS#12 key ring (current, next, retired) and rotation. */
package dev.stsbridge.keys;
