package dev.stsbridge.idp.web.login;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a login may send the browser afterwards ({@code ?next=}): only a path of this server. Refused: absolute
 * URLs, scheme-relative {@code //host} and {@code /\host} (browsers read both as another host), control
 * characters, anything over 1024 characters, and the login page itself.
 */
public final class LocalPath {

    private static final Pattern SAFE = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@%/?-]{0,1023}");

    private LocalPath() {
    }

    /** {@code next} if it is a safe local path, else empty. */
    public static Optional<String> of(Optional<String> next) {
        return next.filter(n -> SAFE.matcher(n).matches()).filter(n -> !n.startsWith("/login"));
    }
}
