package dev.stsbridge.idp.web.slo;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.opensaml.saml.saml2.core.LogoutRequest;
import org.opensaml.saml.saml2.core.NameID;
import org.opensaml.saml.saml2.core.SessionIndex;

import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.sp.InboundRequest;
import dev.stsbridge.idp.web.sp.ReplayCache;
import dev.stsbridge.idp.web.sp.ServiceProviders;

/**
 * The checks of an SP's LogoutRequest (SAML 2.0 core §3.7.1, profiles §4.4.4.1), in order: the common ones of
 * {@link SloMessageChecks} (hardened parse, registered issuer with a SingleLogoutService, signature required,
 * Destination our SLO URL, fresh IssueInstant) -> NotOnOrAfter not passed -> a plain NameID (an EncryptedID or
 * BaseID is refused) -> the ID not seen before from this SP. Whether the NameID is the one sent in this session is
 * decided afterwards, against the session ({@link CheckedLogoutRequest#names}).
 */
final class LogoutRequestChecks {

    private static final String WHAT = "LogoutRequest";

    private final SloMessageChecks messages;
    private final Clock clock;
    private final ReplayCache replays;

    /** @param replays the IDs already answered, shared with the AuthnRequests' (every node's, on a shared store) */
    LogoutRequestChecks(ServiceProviders sps, URI sloUrl, Clock clock, ReplayCache replays) {
        this.messages = new SloMessageChecks(sps, sloUrl, clock);
        this.clock = clock;
        this.replays = replays;
    }

    CheckedLogoutRequest check(InboundRequest in) {
        SloMessageChecks.Verified<LogoutRequest> verified = messages.verify(in, LogoutRequest.class, WHAT);
        LogoutRequest request = verified.message();
        notExpired(request);
        NameID nameId = nameId(request);
        List<String> indexes = request.getSessionIndexes().stream().map(SessionIndex::getValue)
                .filter(Objects::nonNull).map(String::strip).toList();
        replays.firstUse(verified.sp().entityId(), verified.id(),
                verified.issued().plus(SloMessageChecks.MAX_SKEW).plusSeconds(1), WHAT);
        return new CheckedLogoutRequest(verified.sp(), verified.id(), nameId.getValue().strip(),
                Optional.ofNullable(nameId.getFormat()), Optional.ofNullable(nameId.getNameQualifier()),
                Optional.ofNullable(nameId.getSPNameQualifier()), indexes, in.relayState());
    }

    private void notExpired(LogoutRequest request) {
        Instant notOnOrAfter = request.getNotOnOrAfter();
        Instant now = clock.instant();
        if (notOnOrAfter != null && !now.isBefore(notOnOrAfter)) {
            throw HttpError.badRequest("The LogoutRequest expired at " + notOnOrAfter + " (its NotOnOrAfter); it is "
                    + now + ".");
        }
    }

    private static NameID nameId(LogoutRequest request) {
        NameID nameId = request.getNameID();
        if (nameId == null || nameId.getValue() == null || nameId.getValue().isBlank()) {
            throw HttpError.badRequest("The LogoutRequest names no one: it needs a NameID (an EncryptedID or BaseID "
                    + "is not accepted).");
        }
        return nameId;
    }
}
