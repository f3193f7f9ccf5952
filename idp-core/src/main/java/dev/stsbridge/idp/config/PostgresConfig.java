package dev.stsbridge.idp.config;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared PostgreSQL database ({@code state.postgresql}): {@code url} (a JDBC URL,
 * {@code jdbc:postgresql://host[:port]/database[?parameters]}), {@code user}, {@code password}
 * ({@code {env: NAME}} or {@code {file: PATH}}, never inline) and {@code pool-size} (connections per node,
 * default {@value #DEFAULT_POOL_SIZE}). A database off this machine must be reached over verified TLS
 * ({@code sslmode=verify-full} or {@code verify-ca} in the URL), unless {@code allow-plaintext: true} says
 * otherwise explicitly (only on a trusted network).
 */
public record PostgresConfig(String url, String user, SecretRef password, Integer poolSize, boolean allowPlaintext) {

    public static final int DEFAULT_POOL_SIZE = 10;
    private static final Pattern JDBC_URL = Pattern.compile("jdbc:postgresql://([^/?#]+)/([^/?#]+)(\\?.*)?");

    public PostgresConfig {
        url = ConfigChecks.requiredText(url, "url");
        user = ConfigChecks.requiredText(user, "user");
        ConfigChecks.required(password, "password");
        poolSize = ConfigChecks.orDefault(poolSize, DEFAULT_POOL_SIZE);
        if (poolSize < 1 || poolSize > 100) {
            throw new InvalidConfigValueException("pool-size", "must be between 1 and 100, was " + poolSize);
        }
        checkUrl(url, allowPlaintext);
    }

    private static void checkUrl(String url, boolean allowPlaintext) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) {
            throw new InvalidConfigValueException("url", "must be jdbc:postgresql://host[:port]/database, was "
                    + ConfigChecks.quote(url));
        }
        String query = Optional.ofNullable(m.group(3)).orElse("").toLowerCase(Locale.ROOT);
        if (query.contains("password=")) {
            throw new InvalidConfigValueException("url", "must not carry the password; use password: {env: NAME} "
                    + "or {file: PATH}");
        }
        String host = URI.create("postgresql://" + m.group(1)).getHost();
        boolean verifiedTls = query.matches(".*[?&]sslmode=verify-(full|ca)(&.*)?");
        if (host == null || !ConfigChecks.isLoopback(host) && !verifiedTls && !allowPlaintext) {
            throw new InvalidConfigValueException("url", "reaches " + m.group(1) + " without verified TLS; add "
                    + "?sslmode=verify-full (or verify-ca), or (only on a trusted network) allow-plaintext: true");
        }
    }
}
