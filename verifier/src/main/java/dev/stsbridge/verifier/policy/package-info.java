/**
 * The IAM policy language and AWS's evaluation logic, one engine for every policy type: {@link
 * dev.stsbridge.verifier.policy.Policy} parses and validates a document in one of three grammars (trust,
 * identity-based, resource-based; {@code MalformedPolicyDocument} with IAM's messages), {@link
 * dev.stsbridge.verifier.policy.PolicyEngine} evaluates a {@link dev.stsbridge.verifier.policy.PolicySet} (identity,
 * resource, boundary, session) against a {@link dev.stsbridge.verifier.policy.RequestContext}: explicit deny,
 * resource-policy grants by principal, identity ∩ boundary ∩ session, every condition operator, set qualifiers,
 * wildcards and policy variables. The trust-policy check of AssumeRoleWithSAML ({@link
 * dev.stsbridge.verifier.policy.RoleAuthorizer}), the simulator API and role-session permissions all use it.
 * Hand-written: no maintained Java library evaluates IAM policies; Jackson parses the JSON.
 */
package dev.stsbridge.verifier.policy;
