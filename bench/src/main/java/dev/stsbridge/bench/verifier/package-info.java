/**
 * Benchmarks of the verifier: AssumeRoleWithSAML in process (JMH), with RSA-2048 verification as the reference, and
 * over HTTP against a verifier in its own JVM with N concurrent clients ({@code bench/run verifier}).
 */
package dev.stsbridge.bench.verifier;
