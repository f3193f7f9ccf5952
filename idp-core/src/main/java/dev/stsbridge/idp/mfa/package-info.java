/**
 * The second factor: who must pass one ({@link dev.stsbridge.idp.mfa.MfaPolicy}), the factors (TOTP codes,
 * {@link dev.stsbridge.idp.mfa.Totp}; WebAuthn passkeys, {@link dev.stsbridge.idp.mfa.Passkeys}; one-time
 * {@link dev.stsbridge.idp.mfa.RecoveryCodes}), where enrollments live ({@link dev.stsbridge.idp.mfa.EnrollmentStore},
 * encrypted files in the data directory by default), and what an SP's RequestedAuthnContext asks for
 * ({@link dev.stsbridge.idp.mfa.AuthnContextRequest}). The web layer runs the login steps.
 */
package dev.stsbridge.idp.mfa;
