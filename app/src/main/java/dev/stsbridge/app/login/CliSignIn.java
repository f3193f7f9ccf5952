package dev.stsbridge.app.login;

import java.net.URI;
import java.util.Optional;
import java.util.function.Function;

/**
 * One command-line sign-in, in order: the role catalogue (the password checked once here) -> the role choice -> the
 * assertion for that role over ECP -> AssumeRoleWithSAML. The result is what the profile cache keeps.
 */
public final class CliSignIn {

    private CliSignIn() {
    }

    /**
     * @param account with {@code role}: the role to use (else the only one, else asked)
     * @param otp a current TOTP code, for an IdP that requires MFA
     * @param ask asks the person a question on the terminal (empty without one)
     */
    public static ProfileCache.Entry signIn(URI idp, String user, char[] password, Optional<String> account,
                                            Optional<String> role, Optional<Integer> durationSeconds,
                                            Optional<URI> stsEndpoint, Optional<String> otp,
                                            Function<String, Optional<String>> ask) {
        IdpClient client = new IdpClient(idp);
        RoleCatalogue catalogue = client.catalogue(user, password);
        RoleCatalogue.Choice choice = RolePicker.pick(catalogue, account, role, ask);
        EcpExchange.Answer answer = client.assertion(catalogue, choice, user, password, otp);
        SessionCredentials credentials = StsSignIn.assumeRole(answer, choice, durationSeconds, stsEndpoint);
        LoginSettings settings = new LoginSettings(client.base(), user, choice.account().id(), choice.role().name(),
                durationSeconds, stsEndpoint);
        return new ProfileCache.Entry(settings, answer.acsUrl(), credentials);
    }
}
