package dev.stsbridge.idp.state;

import java.sql.SQLException;

/**
 * The shared state cannot be read or written (the database is down, unreachable or refused the statement). The
 * web layer answers 503 and logs it once per outage; the message names what was being done, never a value.
 */
public final class StateUnavailableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StateUnavailableException(String doing, SQLException cause) {
        super("the shared state database is unavailable (" + doing + "): " + cause.getMessage(), cause);
    }

    /** The SQLSTATE of the cause, when the driver gave one (e.g. {@code 08001}: cannot connect). */
    public String sqlState() {
        return getCause() instanceof SQLException e && e.getSQLState() != null ? e.getSQLState() : "";
    }
}
