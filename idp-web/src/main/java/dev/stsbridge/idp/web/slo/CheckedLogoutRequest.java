package dev.stsbridge.idp.web.slo;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.stsbridge.idp.web.session.SpParticipant;
import dev.stsbridge.idp.web.sp.RegisteredSp;

/**
 * A LogoutRequest that passed every check ({@link LogoutRequestChecks} makes it): who asked, its ID, the NameID it
 * names, its SessionIndex values and the RelayState.
 */
record CheckedLogoutRequest(RegisteredSp sp, String requestId, String nameId, Optional<String> nameIdFormat,
                            Optional<String> nameQualifier, Optional<String> spNameQualifier,
                            List<String> sessionIndexes, Optional<String> relayState) {

    private static final String UNSPECIFIED = "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified";

    CheckedLogoutRequest {
        Objects.requireNonNull(sp, "sp");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(nameId, "nameId");
        Objects.requireNonNull(nameIdFormat, "nameIdFormat");
        Objects.requireNonNull(nameQualifier, "nameQualifier");
        Objects.requireNonNull(spNameQualifier, "spNameQualifier");
        sessionIndexes = List.copyOf(sessionIndexes);
        Objects.requireNonNull(relayState, "relayState");
    }

    /**
     * Whether this request names {@code participant}'s session at this SP: the same SP, the same NameID value and
     * Format (an absent Format is {@code unspecified}, which matches any), qualifiers that are either the ones sent
     * or their defaults (our entity ID, the SP's entity ID), and, if the request lists SessionIndex values, the one
     * sent among them.
     */
    boolean names(SpParticipant participant, String idpEntityId) {
        return participant.logout() == SpParticipant.Logout.NONE
                && participant.spEntityId().equals(sp.entityId())
                && participant.nameId().equals(nameId)
                && nameIdFormat.filter(f -> !f.equals(UNSPECIFIED)).map(participant.nameIdFormat()::equals).orElse(true)
                && qualifier(nameQualifier, participant.nameQualifier(), idpEntityId)
                && qualifier(spNameQualifier, participant.spNameQualifier(), sp.entityId())
                && (sessionIndexes.isEmpty() || sessionIndexes.contains(participant.sessionIndex()));
    }

    private static boolean qualifier(Optional<String> sent, Optional<String> ours, String implied) {
        return sent.isEmpty() || sent.get().equals(ours.orElse(implied));
    }
}
