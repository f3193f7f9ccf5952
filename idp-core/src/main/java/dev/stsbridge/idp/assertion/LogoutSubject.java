package dev.stsbridge.idp.assertion;

import java.util.Objects;
import java.util.Optional;

/**
 * Whose session at an SP a LogoutRequest ends: the NameID the IdP sent that SP (value, Format and qualifiers, as
 * sent) and the SessionIndex of the assertion's AuthnStatement.
 */
public record LogoutSubject(String nameId, String format, Optional<String> nameQualifier,
                            Optional<String> spNameQualifier, String sessionIndex) {
    public LogoutSubject {
        Objects.requireNonNull(nameId, "nameId");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(nameQualifier, "nameQualifier");
        Objects.requireNonNull(spNameQualifier, "spNameQualifier");
        Objects.requireNonNull(sessionIndex, "sessionIndex");
    }
}
