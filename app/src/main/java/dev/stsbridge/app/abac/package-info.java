/**
 * ABAC testing for real: one person's assertion, accepted by STS ({@code AssumeRoleWithSAML}: the trust policy and
 * the tag rules), then the role's permission policies asked through IAM's policy simulator
 * ({@code SimulatePrincipalPolicy}) with the session's tags as {@code aws:PrincipalTag/*}. {@link AbacCheck} does it
 * for {@code stsbridge abac} and for the IdP's {@code /explain} page alike.
 */
package dev.stsbridge.app.abac;
