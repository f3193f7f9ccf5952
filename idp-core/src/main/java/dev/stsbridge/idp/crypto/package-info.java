/**
 * Cross-cutting for the IdP flow: which JCA provider computes signatures, digests and MACs. Amazon Corretto Crypto
 * Provider (native AWS-LC) where its native library loads, the JDK's providers otherwise; passed per call, never
 * installed globally.
 */
package dev.stsbridge.idp.crypto;
