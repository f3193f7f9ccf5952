/** STS: AssumeRoleWithSAML as one pipeline, temporary credentials, GetCallerIdentity. */
package dev.stsbridge.verifier.sts;
