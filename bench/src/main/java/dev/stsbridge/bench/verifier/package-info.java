/** JMH benchmarks of the verifier: AssumeRoleWithSAML in process, with RSA-2048 verification as the reference. */
package dev.stsbridge.bench.verifier;
