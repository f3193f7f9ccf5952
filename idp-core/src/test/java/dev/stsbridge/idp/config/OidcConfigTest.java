package dev.stsbridge.idp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OidcConfigTest {

    private static final String OIDC = """
            oidc:
              issuer: https://sso.example.com/
              id-token-lifetime: 15m
              clients:
                - client-id: ci-deployer
                  redirect-uris: ["https://ci.example.com/callback"]
                  secret: {env: STSBRIDGE_CI_SECRET}
                  require-mfa: true
                - client-id: cli
                  redirect-uris: ["http://127.0.0.1/callback"]
            """;

    private static StsbridgeConfig parse(String yaml) {
        return StsbridgeConfig.parse(yaml, "stsbridge.yaml", Path.of("/etc/stsbridge"));
    }

    private static void assertRefused(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml)).isExactlyInstanceOf(ConfigException.class).hasMessage(message);
    }

    @Test
    void clientsAndIssuerAreRead() {
        StsbridgeConfig config = parse(StsbridgeConfigTest.MINIMAL + OIDC);
        assertThat(config.oidcIssuer()).contains(URI.create("https://sso.example.com"));
        assertThat(config.oidc().idTokenLifetime()).isEqualTo(Duration.ofMinutes(15));
        OidcClientConfig ci = config.oidc().clients().get(0);
        assertThat(ci.clientId()).isEqualTo("ci-deployer");
        assertThat(ci.secret()).contains(SecretRef.fromEnv("STSBRIDGE_CI_SECRET"));
        assertThat(ci.requireMfa()).isTrue();
        assertThat(config.oidc().clients().get(1).publicClient()).isTrue();
        assertThat(config.oidc().clients().get(1).requireMfa()).isFalse();
    }

    @Test
    void withoutOidcSectionAnHttpsBaseUrlIsTheIssuerWithDefaults() {
        StsbridgeConfig config = parse(StsbridgeConfigTest.MINIMAL);
        assertThat(config.oidcIssuer()).contains(URI.create("https://idp.example.com"));
        assertThat(config.oidc().idTokenLifetime()).isEqualTo(Duration.ofHours(1));
        assertThat(config.oidc().clients()).isEmpty();
    }

    @Test
    void plainHttpBaseUrlWithoutIssuerLeavesOpenIdConnectOff() {
        assertThat(StsbridgeConfig.demo().oidcIssuer()).isEqualTo(Optional.empty());
        assertThat(StsbridgeConfig.demo().oidc().clients()).extracting(OidcClientConfig::clientId)
                .containsExactly("stsbridge-demo");
    }

    @Test
    void httpIssuerIsRefusedBecauseAwsAcceptsOnlyHttps() {
        assertRefused(StsbridgeConfigTest.MINIMAL + OIDC.replace("https://sso.example.com/", "http://127.0.0.1:8080"),
                "stsbridge.yaml line 16: oidc.issuer: must be an https URL (AWS accepts only https issuers), was "
                        + "\"http://127.0.0.1:8080\"");
    }

    @Test
    void issuerWithQueryIsRefused() {
        assertRefused(StsbridgeConfigTest.MINIMAL + OIDC.replace("https://sso.example.com/", "https://sso.example.com/?x=1"),
                "stsbridge.yaml line 16: oidc.issuer: must not have a query, fragment or user info, was "
                        + "\"https://sso.example.com/?x=1\"");
    }

    @Test
    void plainHttpRedirectUriOffLoopbackIsRefused() {
        assertRefused(StsbridgeConfigTest.MINIMAL + OIDC.replace("https://ci.example.com/callback",
                        "http://ci.example.com/callback"),
                "stsbridge.yaml line 20: oidc.clients[0].redirect-uris[0]: must use https unless the host is "
                        + "loopback, was \"http://ci.example.com/callback\"");
    }

    @Test
    void redirectUriWithFragmentIsRefused() {
        assertRefused(StsbridgeConfigTest.MINIMAL + OIDC.replace("https://ci.example.com/callback",
                        "https://ci.example.com/callback#x"),
                "stsbridge.yaml line 20: oidc.clients[0].redirect-uris[0]: must not have a fragment (RFC 6749 "
                        + "§3.1.2), was \"https://ci.example.com/callback#x\"");
    }

    @Test
    void clientWithoutRedirectUrisIsRefused() {
        assertRefused(StsbridgeConfigTest.MINIMAL + OIDC.replace("      redirect-uris: [\"http://127.0.0.1/callback\"]\n", ""),
                "stsbridge.yaml line 23: oidc.clients[1].redirect-uris: must list at least one redirect URI");
    }

    @Test
    void duplicateClientIdIsRefused() {
        assertRefused(StsbridgeConfigTest.MINIMAL + OIDC.replace("client-id: cli", "client-id: ci-deployer"),
                "stsbridge.yaml line 23: oidc.clients[1].client-id: must be unique, \"ci-deployer\" is registered "
                        + "twice");
    }

    @Test
    void inlineClientSecretIsRefused() {
        assertRefused(StsbridgeConfigTest.MINIMAL + OIDC.replace("{env: STSBRIDGE_CI_SECRET}", "hunter2"),
                "stsbridge.yaml line 21: oidc.clients[0].secret: inline secrets are not allowed; write {env: NAME} "
                        + "or {file: PATH}");
    }
}
