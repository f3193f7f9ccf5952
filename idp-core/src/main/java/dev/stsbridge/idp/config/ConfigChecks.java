package dev.stsbridge.idp.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import com.unboundid.ldap.sdk.DN;

/** The checks the configuration records share; each throws {@link InvalidConfigValueException}. */
final class ConfigChecks {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.\\d{1,3}){3}");

    private ConfigChecks() {
    }

    static <T> T required(T value, String key) {
        if (value == null) {
            throw new InvalidConfigValueException(key, "is required");
        }
        return value;
    }

    static String requiredText(String value, String key) {
        if (required(value, key).isBlank()) {
            throw new InvalidConfigValueException(key, "must not be empty");
        }
        return value.strip();
    }

    static <T> T orDefault(T value, T fallback) {
        return value == null ? fallback : value;
    }

    static <T> List<T> listOrEmpty(List<T> values, String key) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidConfigValueException(key + "[" + i + "]", "must not be empty");
            }
        }
        return List.copyOf(values);
    }

    static <T> Optional<T> optional(Optional<T> value) {
        return value == null ? Optional.empty() : value;
    }

    static String distinguishedName(String value, String key) {
        String dn = requiredText(value, key);
        if (!DN.isValidDN(dn)) {
            throw new InvalidConfigValueException(key, "must be an LDAP distinguished name, was " + quote(dn));
        }
        return dn;
    }

    static Duration durationBetween(Duration value, Duration min, Duration max, String key) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new InvalidConfigValueException(key, "must be between " + Durations.format(min) + " and "
                    + Durations.format(max) + ", was " + Durations.format(value));
        }
        return value;
    }

    /** An absolute http(s) URL; plain http only to a loopback host (secure by default). */
    static URI webUrl(URI url, String key) {
        required(url, key);
        String scheme = Optional.ofNullable(url.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!url.isAbsolute() || url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new InvalidConfigValueException(key, "must be an absolute http(s) URL, was " + quote(url.toString()));
        }
        if (scheme.equals("http") && !isLoopback(url.getHost())) {
            throw new InvalidConfigValueException(key, "must use https unless the host is loopback, was "
                    + quote(url.toString()));
        }
        return url;
    }

    /** A loopback host named literally: {@code localhost}, {@code 127.x.x.x} or {@code ::1}. */
    static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || IPV4_LOOPBACK.matcher(h).matches();
    }

    static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
