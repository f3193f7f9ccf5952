/**
 * A model of EC2's instance metadata service (IMDSv2): session tokens and the instance profile role's rotating
 * credentials, issued by the verifier's STS.
 */
package dev.stsbridge.verifier.imds;
