package dev.stsbridge.idp.config;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach an LDAP server: {@code urls} ({@code ldaps://} or {@code ldap://}, tried in order), the service
 * account ({@code bind-dn} and {@code bind-password}; without them the search is anonymous), TLS
 * ({@code start-tls}, {@code trust-store}: PEM certificates or a PKCS#12 file, {@code trust-store-password}
 * for PKCS#12; host names are always verified), {@code connect-timeout}, {@code response-timeout},
 * {@code max-connections}. Plain {@code ldap://} without StartTLS is refused unless the host is loopback or
 * {@code allow-plaintext: true} says so explicitly.
 */
public record LdapServerConfig(List<URI> urls, Optional<String> bindDn, Optional<SecretRef> bindPassword,
                               boolean startTls, Optional<Path> trustStore, Optional<SecretRef> trustStorePassword,
                               Duration connectTimeout, Duration responseTimeout, Integer maxConnections,
                               boolean allowPlaintext) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RESPONSE_TIMEOUT = Duration.ofSeconds(10);
    public static final int DEFAULT_MAX_CONNECTIONS = 10;

    public LdapServerConfig {
        urls = ConfigChecks.listOrEmpty(urls, "urls");
        if (urls.isEmpty()) {
            throw new InvalidConfigValueException("urls", "is required (at least one ldaps:// or ldap:// URL)");
        }
        for (int i = 0; i < urls.size(); i++) {
            checkUrl(urls.get(i), "urls[" + i + "]", startTls, allowPlaintext);
        }
        bindDn = ConfigChecks.optional(bindDn).map(dn -> ConfigChecks.distinguishedName(dn, "bind-dn"));
        bindPassword = ConfigChecks.optional(bindPassword);
        if (bindDn.isPresent() != bindPassword.isPresent()) {
            throw new InvalidConfigValueException(bindDn.isPresent() ? "bind-password" : "bind-dn",
                    "bind-dn and bind-password go together (leave both out for an anonymous search)");
        }
        trustStore = ConfigChecks.optional(trustStore);
        trustStorePassword = ConfigChecks.optional(trustStorePassword);
        trustStore.filter(p -> !Files.isReadable(p)).ifPresent(p -> {
            throw new InvalidConfigValueException("trust-store", "no readable file " + p.toAbsolutePath());
        });
        connectTimeout = timeout(connectTimeout, DEFAULT_CONNECT_TIMEOUT, "connect-timeout");
        responseTimeout = timeout(responseTimeout, DEFAULT_RESPONSE_TIMEOUT, "response-timeout");
        maxConnections = ConfigChecks.orDefault(maxConnections, DEFAULT_MAX_CONNECTIONS);
        if (maxConnections < 1 || maxConnections > 200) {
            throw new InvalidConfigValueException("max-connections", "must be between 1 and 200, was " + maxConnections);
        }
    }

    /** A server at one URL with the defaults and no service account (anonymous search). */
    public static LdapServerConfig anonymous(URI url) {
        return new LdapServerConfig(List.of(url), Optional.empty(), Optional.empty(), false, Optional.empty(),
                Optional.empty(), null, null, null, false);
    }

    private static Duration timeout(Duration value, Duration fallback, String key) {
        return ConfigChecks.durationBetween(ConfigChecks.orDefault(value, fallback), Duration.ofMillis(100),
                Duration.ofMinutes(5), key);
    }

    private static void checkUrl(URI url, String key, boolean startTls, boolean allowPlaintext) {
        String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!(scheme.equals("ldap") || scheme.equals("ldaps")) || url.getHost() == null) {
            throw new InvalidConfigValueException(key, "must be ldaps://host[:port] or ldap://host[:port], was "
                    + ConfigChecks.quote(url.toString()));
        }
        String path = Optional.ofNullable(url.getRawPath()).orElse("");
        if (!(path.isEmpty() || path.equals("/")) || url.getRawQuery() != null || url.getRawUserInfo() != null) {
            throw new InvalidConfigValueException(key, "must be only scheme, host and port (put the base DN in "
                    + "directory.base-dn), was " + ConfigChecks.quote(url.toString()));
        }
        if (scheme.equals("ldaps") && startTls) {
            throw new InvalidConfigValueException(key, "is ldaps:// but start-tls is on; use one of them");
        }
        if (scheme.equals("ldap") && !startTls && !allowPlaintext && !ConfigChecks.isLoopback(url.getHost())) {
            throw new InvalidConfigValueException(key, "sends passwords in clear text to " + url.getHost()
                    + "; use ldaps://, start-tls: true, or (only on a trusted network) allow-plaintext: true");
        }
    }
}
