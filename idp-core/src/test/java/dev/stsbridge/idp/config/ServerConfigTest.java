package dev.stsbridge.idp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code server:} and {@code service-providers:} sections. */
class ServerConfigTest {

    private static StsbridgeConfig parse(String yaml, Path base) {
        return StsbridgeConfig.parse(StsbridgeConfigTest.MINIMAL + yaml, "stsbridge.yaml", base);
    }

    @Test
    void withoutAServerSectionTheDefaultsApply(@TempDir Path base) {
        StsbridgeConfig config = parse("", base);
        assertThat(config.server()).isEqualTo(ServerConfig.defaults());
        assertThat(config.server().host()).isEqualTo("127.0.0.1");
        assertThat(config.server().port()).isEqualTo(8080);
        assertThat(config.server().sessionIdleTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(config.serviceProviders()).isEmpty();
    }

    @Test
    void serverAndServiceProvidersAreRead(@TempDir Path base) throws Exception {
        Files.writeString(base.resolve("sp.xml"), "<md:EntityDescriptor/>");
        StsbridgeConfig config = parse("""
                server:
                  host: 0.0.0.0
                  port: 8443
                  tls:
                    self-signed: true
                  session-idle-timeout: 10m
                  session-absolute-timeout: 4h
                service-providers:
                  - metadata: sp.xml
                    profile: basic
                    name-id: email
                    require-signed-requests: true
                """, base);
        assertThat(config.server().host()).isEqualTo("0.0.0.0");
        assertThat(config.server().port()).isEqualTo(8443);
        assertThat(config.server().tls()).hasValue(TlsConfig.generated());
        assertThat(config.server().sessionAbsoluteTimeout()).isEqualTo(Duration.ofHours(4));
        assertThat(config.serviceProviders()).containsExactly(new ServiceProviderConfig(base.resolve("sp.xml"),
                SpProfile.BASIC, NameIdFormat.EMAIL, true));
    }

    @Test
    void tlsNeedsExactlyOneSource(@TempDir Path base) {
        assertThatThrownBy(() -> parse("server:\n  tls:\n    self-signed: false\n", base))
                .isInstanceOf(ConfigException.class)
                .hasMessage("stsbridge.yaml line 16: server.tls: set exactly one of key-store (with key-store-password)"
                        + " or self-signed: true");
    }

    @Test
    void idleTimeoutLongerThanTheAbsoluteOneIsRefused(@TempDir Path base) {
        assertThatThrownBy(() -> parse("server:\n  session-idle-timeout: 5h\n  session-absolute-timeout: 4h\n", base))
                .isInstanceOf(ConfigException.class)
                .hasMessage("stsbridge.yaml line 16: server.session-idle-timeout: must not be longer than "
                        + "session-absolute-timeout (4h), was 5h");
    }

    @Test
    void unknownProfileIsRefusedNamingTheAllowedOnes(@TempDir Path base) {
        assertThatThrownBy(() -> parse("service-providers:\n  - metadata: sp.xml\n    profile: saml\n", base))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("service-providers[0].profile: must be one of aws-signin, basic, was \"saml\"");
    }
}
