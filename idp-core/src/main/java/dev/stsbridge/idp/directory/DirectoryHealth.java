package dev.stsbridge.idp.directory;

import java.time.Duration;
import java.util.Objects;

/**
 * The result of a health check (for {@code /healthz}).
 *
 * @param available whether the directory answered a search of its base DN
 * @param detail what was checked, or what went wrong
 * @param latency how long the check took
 */
public record DirectoryHealth(boolean available, String detail, Duration latency) {
    public DirectoryHealth {
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(latency, "latency");
    }
}
