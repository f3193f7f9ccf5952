package dev.stsbridge.idp.oidc;

import static dev.stsbridge.idp.oidc.OidcFixtures.CONFIDENTIAL;
import static dev.stsbridge.idp.oidc.OidcFixtures.LOOPBACK;
import static dev.stsbridge.idp.oidc.OidcFixtures.PUBLIC;
import static dev.stsbridge.idp.oidc.OidcFixtures.REDIRECT;
import static dev.stsbridge.idp.oidc.OidcFixtures.SECRET;
import static dev.stsbridge.idp.oidc.OidcFixtures.VERIFIER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TokenServiceTest {

    private final OidcFixtures.MovableClock clock = new OidcFixtures.MovableClock();
    private final OidcProvider provider = OidcFixtures.provider(clock, OidcFixtures.ring());

    private String code(Map<String, String> parameters) {
        AuthorizationCheck check = provider.check(name -> Optional.ofNullable(parameters.get(name)));
        return provider.issueCode(((AuthorizationCheck.Valid) check).request(),
                OidcFixtures.signedIn(OidcFixtures.alice(), clock));
    }

    private String publicCode() {
        return code(OidcFixtures.authorization());
    }

    private String confidentialCode() {
        Map<String, String> parameters = OidcFixtures.authorization();
        parameters.put("client_id", CONFIDENTIAL);
        parameters.put("redirect_uri", REDIRECT);
        return code(parameters);
    }

    private static void assertRefused(Executable call, String error, String description) {
        assertThatThrownBy(call::execute).isInstanceOfSatisfying(OAuthException.class, e -> {
            assertThat(e.error().error()).isEqualTo(error);
            assertThat(e.error().description()).isEqualTo(description);
        });
    }

    private static TokenRequest confidential(String code, Optional<String> postSecret,
                                             Optional<TokenRequest.BasicClient> basic) {
        return new TokenRequest(Optional.of("authorization_code"), Optional.of(code), Optional.of(REDIRECT),
                Optional.of(VERIFIER), basic.isPresent() ? Optional.empty() : Optional.of(CONFIDENTIAL), postSecret,
                basic);
    }

    @Test
    void publicClientRedeemsItsCodeWithTheVerifier() {
        TokenResponse response = provider.token(OidcFixtures.tokenRequest(publicCode(), PUBLIC, LOOPBACK, VERIFIER));
        assertThat(response.idToken()).isNotBlank();
        assertThat(response.accessToken()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(response.expiresIn()).isEqualTo(3600);
        assertThat(response.json()).containsEntry("token_type", "Bearer").containsEntry("scope", "openid email");
    }

    @Test
    void confidentialClientAuthenticatesWithBasic() {
        TokenResponse response = provider.token(confidential(confidentialCode(), Optional.empty(),
                Optional.of(new TokenRequest.BasicClient(CONFIDENTIAL, SECRET))));
        assertThat(response.idToken()).isNotBlank();
    }

    @Test
    void confidentialClientAuthenticatesWithPost() {
        TokenResponse response = provider.token(confidential(confidentialCode(), Optional.of(SECRET),
                Optional.empty()));
        assertThat(response.idToken()).isNotBlank();
    }

    @Test
    void wrongClientSecretIsInvalidClient() {
        String code = confidentialCode();
        assertRefused(() -> provider.token(confidential(code, Optional.empty(),
                        Optional.of(new TokenRequest.BasicClient(CONFIDENTIAL, SECRET + "x")))),
                "invalid_client", "client authentication failed: wrong or missing client secret");
    }

    @Test
    void missingClientSecretOfAConfidentialClientIsInvalidClient() {
        String code = confidentialCode();
        assertRefused(() -> provider.token(confidential(code, Optional.empty(), Optional.empty())),
                "invalid_client", "client authentication failed: wrong or missing client secret");
    }

    @Test
    void bothBasicAndPostSecretIsInvalidRequest() {
        String code = confidentialCode();
        assertRefused(() -> provider.token(new TokenRequest(Optional.of("authorization_code"), Optional.of(code),
                        Optional.of(REDIRECT), Optional.of(VERIFIER), Optional.empty(), Optional.of(SECRET),
                        Optional.of(new TokenRequest.BasicClient(CONFIDENTIAL, SECRET)))),
                "invalid_request", "use one client authentication method, not both");
    }

    @Test
    void unknownClientIsInvalidClient() {
        String code = publicCode();
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest(code, "intruder", LOOPBACK, VERIFIER)),
                "invalid_client", "client authentication failed: unknown client");
    }

    @Test
    void secretFromAPublicClientIsInvalidClient() {
        String code = publicCode();
        assertRefused(() -> provider.token(new TokenRequest(Optional.of("authorization_code"), Optional.of(code),
                        Optional.of(LOOPBACK), Optional.of(VERIFIER), Optional.of(PUBLIC), Optional.of("guess"),
                        Optional.empty())),
                "invalid_client", "client authentication failed: a public client has no secret");
    }

    @Test
    void secondUseOfACodeIsInvalidGrantAndRevokesItsAccessToken() {
        String code = publicCode();
        TokenResponse first = provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, VERIFIER));
        assertThat(provider.userinfo(first.accessToken())).isPresent();
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, VERIFIER)),
                "invalid_grant", "the authorization code was already used");
        assertThat(provider.userinfo(first.accessToken())).isEmpty();
    }

    @Test
    void codeIsSpentEvenByAFailedRedemption() {
        String code = publicCode();
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, VERIFIER + "x")),
                "invalid_grant", "code_verifier does not match the code_challenge");
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, VERIFIER)),
                "invalid_grant", "the authorization code was already used");
    }

    @Test
    void codeOlderThanSixtySecondsIsInvalidGrant() {
        String code = publicCode();
        clock.advance(Duration.ofSeconds(60));
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, VERIFIER)),
                "invalid_grant", "the authorization code has expired");
    }

    @Test
    void codeJustBeforeExpiryIsRedeemed() {
        String code = publicCode();
        clock.advance(Duration.ofSeconds(59));
        assertThat(provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, VERIFIER)).idToken())
                .isNotBlank();
    }

    @Test
    void codeIssuedToAnotherClientIsInvalidGrant() {
        String code = publicCode();
        assertRefused(() -> provider.token(new TokenRequest(Optional.of("authorization_code"), Optional.of(code),
                        Optional.of(LOOPBACK), Optional.of(VERIFIER), Optional.of(CONFIDENTIAL), Optional.of(SECRET),
                        Optional.empty())),
                "invalid_grant", "the authorization code was issued to another client");
    }

    @Test
    void unknownCodeIsInvalidGrant() {
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest("forged-code", PUBLIC, LOOPBACK, VERIFIER)),
                "invalid_grant", "the authorization code is invalid or has expired");
    }

    @Test
    void wrongVerifierIsInvalidGrant() {
        String code = publicCode();
        String other = "Z".repeat(43);
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, other)),
                "invalid_grant", "code_verifier does not match the code_challenge");
    }

    @Test
    void missingVerifierIsInvalidRequest() {
        String code = publicCode();
        assertRefused(() -> provider.token(new TokenRequest(Optional.of("authorization_code"), Optional.of(code),
                        Optional.of(LOOPBACK), Optional.empty(), Optional.of(PUBLIC), Optional.empty(),
                        Optional.empty())),
                "invalid_request", "code_verifier is required (PKCE)");
    }

    @Test
    void malformedVerifierIsInvalidRequest() {
        String code = publicCode();
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest(code, PUBLIC, LOOPBACK, "short")),
                "invalid_request", "code_verifier must be 43-128 unreserved characters");
    }

    @Test
    void redirectUriOtherThanTheAuthorizationRequestsIsInvalidGrant() {
        String code = publicCode();
        assertRefused(() -> provider.token(OidcFixtures.tokenRequest(code, PUBLIC, "http://127.0.0.1:9/callback",
                        VERIFIER)),
                "invalid_grant", "redirect_uri does not match the authorization request");
    }

    @Test
    void grantTypeOtherThanAuthorizationCodeIsUnsupported() {
        assertRefused(() -> provider.token(new TokenRequest(Optional.of("password"), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.of(PUBLIC), Optional.empty(), Optional.empty())),
                "unsupported_grant_type", "only grant_type=authorization_code is supported");
    }

    @Test
    void missingCodeIsInvalidRequest() {
        assertRefused(() -> provider.token(new TokenRequest(Optional.of("authorization_code"), Optional.empty(),
                        Optional.of(LOOPBACK), Optional.of(VERIFIER), Optional.of(PUBLIC), Optional.empty(),
                        Optional.empty())),
                "invalid_request", "code is required");
    }
}
