package dev.stsbridge.idp.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code state:} section: one node by default, or a shared PostgreSQL database, each refusal naming its key. */
class StateConfigTest {

    private static StsbridgeConfig parse(String yaml, Path base) {
        return StsbridgeConfig.parse(StsbridgeConfigTest.MINIMAL + yaml, "stsbridge.yaml", base);
    }

    private static String postgres(String body) {
        return "state:\n  postgresql:\n" + body.indent(4);
    }

    @Test
    void withoutAStateSectionNothingIsShared(@TempDir Path base) {
        StsbridgeConfig config = parse("", base);
        assertThat(config.state()).isEqualTo(StateConfig.defaults());
        assertThat(config.state().shared()).isFalse();
    }

    @Test
    void aLoopbackDatabaseWithThePasswordFromTheEnvironmentIsRead(@TempDir Path base) {
        StsbridgeConfig config = parse(postgres("""
                url: jdbc:postgresql://127.0.0.1:5432/stsbridge
                user: idp
                password: {env: STSBRIDGE_DB_PASSWORD}
                pool-size: 20
                """), base);
        assertThat(config.state().postgresql()).hasValue(new PostgresConfig("jdbc:postgresql://127.0.0.1:5432/stsbridge",
                "idp", SecretRef.fromEnv("STSBRIDGE_DB_PASSWORD"), 20, false));
        assertThat(config.state().shared()).isTrue();
    }

    @Test
    void aRemoteDatabaseOverVerifiedTlsIsAccepted(@TempDir Path base) {
        StsbridgeConfig config = parse(postgres("""
                url: jdbc:postgresql://db.example.com/stsbridge?sslmode=verify-full
                user: idp
                password: {file: db-password}
                """), base);
        assertThat(config.state().postgresql().map(PostgresConfig::poolSize)).isEqualTo(Optional.of(10));
    }

    @Test
    void aRemoteDatabaseWithoutVerifiedTlsIsRefused(@TempDir Path base) {
        assertThatThrownBy(() -> parse(postgres("""
                url: jdbc:postgresql://db.example.com/stsbridge?sslmode=require
                user: idp
                password: {env: P}
                """), base)).isExactlyInstanceOf(ConfigException.class)
                .hasMessage("stsbridge.yaml line 17: state.postgresql.url: reaches db.example.com without verified "
                        + "TLS; add ?sslmode=verify-full (or verify-ca), or (only on a trusted network) "
                        + "allow-plaintext: true");
    }

    @Test
    void anInlinePasswordIsRefused(@TempDir Path base) {
        assertThatThrownBy(() -> parse(postgres("""
                url: jdbc:postgresql://127.0.0.1/stsbridge
                user: idp
                password: hunter2
                """), base)).isExactlyInstanceOf(ConfigException.class)
                .hasMessageContaining("state.postgresql.password: inline secrets are not allowed; write {env: NAME} "
                        + "or {file: PATH}");
    }

    @Test
    void aPasswordInTheUrlIsRefused(@TempDir Path base) {
        assertThatThrownBy(() -> parse(postgres("""
                url: jdbc:postgresql://127.0.0.1/stsbridge?user=idp&password=hunter2
                user: idp
                password: {env: P}
                """), base)).isExactlyInstanceOf(ConfigException.class)
                .hasMessage("stsbridge.yaml line 17: state.postgresql.url: must not carry the password; use "
                        + "password: {env: NAME} or {file: PATH}");
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefused(@TempDir Path base) {
        assertThatThrownBy(() -> parse(postgres("""
                url: jdbc:mysql://127.0.0.1/stsbridge
                user: idp
                password: {env: P}
                """), base)).isExactlyInstanceOf(ConfigException.class)
                .hasMessage("stsbridge.yaml line 17: state.postgresql.url: must be "
                        + "jdbc:postgresql://host[:port]/database, was \"jdbc:mysql://127.0.0.1/stsbridge\"");
    }

    @Test
    void aMissingUserIsRefused(@TempDir Path base) {
        assertThatThrownBy(() -> parse(postgres("""
                url: jdbc:postgresql://127.0.0.1/stsbridge
                password: {env: P}
                """), base)).isExactlyInstanceOf(ConfigException.class)
                .hasMessage("stsbridge.yaml line 16: state.postgresql.user: is required");
    }

    @Test
    void aPoolSizeOutOfRangeIsRefused(@TempDir Path base) {
        assertThatThrownBy(() -> parse(postgres("""
                url: jdbc:postgresql://127.0.0.1/stsbridge
                user: idp
                password: {env: P}
                pool-size: 0
                """), base)).isExactlyInstanceOf(ConfigException.class)
                .hasMessage("stsbridge.yaml line 20: state.postgresql.pool-size: must be between 1 and 100, was 0");
    }

    @Test
    void aMisspeltKeyIsNamed(@TempDir Path base) {
        assertThatThrownBy(() -> parse(postgres("""
                url: jdbc:postgresql://127.0.0.1/stsbridge
                user: idp
                password: {env: P}
                pool-sise: 5
                """), base)).isExactlyInstanceOf(ConfigException.class)
                .hasMessageContaining("state.postgresql.pool-sise");
    }
}
