/**
 * Command-line sign-in to AWS through the IdP, as {@code stsbridge login}, {@code credentials} and {@code console}
 * run it: the role catalogue ({@link dev.stsbridge.app.login.IdpClient}) -> the role choice
 * ({@link dev.stsbridge.app.login.RolePicker}) -> the assertion over ECP ({@link dev.stsbridge.app.login.EcpExchange})
 * -> AssumeRoleWithSAML with the AWS SDK ({@link dev.stsbridge.app.login.StsSignIn}) -> the credentials written to the
 * AWS shared credentials file ({@link dev.stsbridge.app.login.SharedCredentialsFile}) and to stsbridge's own cache
 * ({@link dev.stsbridge.app.login.ProfileCache}), from which {@code credentials} answers {@code credential_process}
 * and {@code console} asks the federation endpoint for a console sign-in URL
 * ({@link dev.stsbridge.app.login.ConsoleFederation}).
 */
package dev.stsbridge.app.login;
