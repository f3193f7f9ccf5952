/**
 * The login's second step: {@link dev.stsbridge.idp.web.mfa.MfaGate} decides when it is due (at login, or as a
 * step-up before an assertion that needs it), {@link dev.stsbridge.idp.web.mfa.MfaEndpoints} asks for a TOTP
 * code, a passkey or a recovery code, {@link dev.stsbridge.idp.web.mfa.EnrollmentEndpoints} enrolls factors, and
 * {@link dev.stsbridge.idp.web.mfa.SecondFactorCheck} checks each attempt (throttled and audited like passwords).
 */
package dev.stsbridge.idp.web.mfa;
