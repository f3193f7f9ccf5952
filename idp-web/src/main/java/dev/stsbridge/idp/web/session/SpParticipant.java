package dev.stsbridge.idp.web.session;

import java.util.Objects;
import java.util.Optional;

/**
 * A service provider the IdP sent an assertion to in this session, as single logout needs it: the NameID sent (value,
 * Format, qualifiers) and the AuthnStatement's SessionIndex (an opaque value per session and SP, never the session
 * ID); and, once a logout is under way, where this SP stands in it.
 *
 * @param spEntityId the SP's entity ID
 * @param nameId the NameID's value
 * @param nameIdFormat the NameID's Format
 * @param nameQualifier the NameID's NameQualifier, if one was sent
 * @param spNameQualifier the NameID's SPNameQualifier, if one was sent
 * @param sessionIndex the SessionIndex of the assertion's AuthnStatement
 * @param logout this SP's place in a logout ({@link Logout#NONE} while signed in)
 * @param messageId the LogoutRequest's ID: ours when {@link Logout#SENT} (the response's InResponseTo), the SP's when
 *                  {@link Logout#REQUESTED} (our response's InResponseTo)
 * @param relayState the RelayState of the SP's LogoutRequest ({@link Logout#REQUESTED}), returned with the response
 */
public record SpParticipant(String spEntityId, String nameId, String nameIdFormat, Optional<String> nameQualifier,
                            Optional<String> spNameQualifier, String sessionIndex, Logout logout,
                            Optional<String> messageId, Optional<String> relayState) {

    /** Where an SP stands in a logout. */
    public enum Logout {
        /** Signed in; no logout under way. */
        NONE,
        /** This SP asked for the logout: it gets the LogoutResponse at the end. */
        REQUESTED,
        /** A LogoutRequest is still to be sent to it. */
        PENDING,
        /** A LogoutRequest was sent; its response is awaited. */
        SENT,
        /** It answered with Success. */
        CONFIRMED,
        /** It answered with another status. */
        FAILED,
        /** It lists no SingleLogoutService the IdP can use: its session could not be ended. */
        UNSUPPORTED
    }

    public SpParticipant {
        Objects.requireNonNull(spEntityId, "spEntityId");
        Objects.requireNonNull(nameId, "nameId");
        Objects.requireNonNull(nameIdFormat, "nameIdFormat");
        Objects.requireNonNull(nameQualifier, "nameQualifier");
        Objects.requireNonNull(spNameQualifier, "spNameQualifier");
        Objects.requireNonNull(sessionIndex, "sessionIndex");
        Objects.requireNonNull(logout, "logout");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(relayState, "relayState");
    }

    /** A signed-in SP (no logout under way). */
    public SpParticipant(String spEntityId, String nameId, String nameIdFormat, Optional<String> nameQualifier,
                         Optional<String> spNameQualifier, String sessionIndex) {
        this(spEntityId, nameId, nameIdFormat, nameQualifier, spNameQualifier, sessionIndex, Logout.NONE,
                Optional.empty(), Optional.empty());
    }

    /** The same SP at another step of the logout. */
    public SpParticipant at(Logout step, Optional<String> message, Optional<String> relay) {
        return new SpParticipant(spEntityId, nameId, nameIdFormat, nameQualifier, spNameQualifier, sessionIndex, step,
                message, relay);
    }

    @Override
    public String toString() {
        return "SpParticipant[" + spEntityId + ", " + logout + "]";
    }
}
