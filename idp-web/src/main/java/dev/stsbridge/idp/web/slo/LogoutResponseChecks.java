package dev.stsbridge.idp.web.slo;

import java.net.URI;
import java.time.Clock;
import java.util.Optional;

import org.opensaml.saml.saml2.core.LogoutResponse;
import org.opensaml.saml.saml2.core.StatusCode;

import dev.stsbridge.idp.assertion.LogoutStatus;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.SpParticipant;
import dev.stsbridge.idp.web.sp.InboundRequest;
import dev.stsbridge.idp.web.sp.ServiceProviders;

/**
 * The checks of an SP's LogoutResponse to one of our LogoutRequests, against the logout under way that its
 * RelayState named: the common ones of {@link SloMessageChecks} (hardened parse, registered issuer with a
 * SingleLogoutService, signature required, Destination our SLO URL, fresh IssueInstant) -> InResponseTo is the
 * request we sent -> the Issuer is the SP we sent it to -> its top-level status (Success, or anything else: the SP
 * did not end its session).
 */
final class LogoutResponseChecks {

    private static final String WHAT = "LogoutResponse";

    private final SloMessageChecks messages;

    LogoutResponseChecks(ServiceProviders sps, URI sloUrl, Clock clock) {
        this.messages = new SloMessageChecks(sps, sloUrl, clock);
    }

    /** What the SP said. */
    record Answer(SpParticipant participant, String responseId, String status) {
        boolean success() {
            return LogoutStatus.Codes.SUCCESS.equals(status);
        }
    }

    Answer check(InboundRequest in, Session logout) {
        SloMessageChecks.Verified<LogoutResponse> verified = messages.verify(in, LogoutResponse.class, WHAT);
        LogoutResponse response = verified.message();
        String inResponseTo = Optional.ofNullable(response.getInResponseTo()).orElseThrow(() ->
                HttpError.badRequest("The LogoutResponse has no InResponseTo."));
        SpParticipant participant = logout.participants().stream()
                .filter(p -> p.logout() == SpParticipant.Logout.SENT && p.messageId().orElse("").equals(inResponseTo))
                .findFirst().orElseThrow(() -> HttpError.badRequest("The LogoutResponse's InResponseTo \""
                        + shown(inResponseTo) + "\" is not a LogoutRequest this logout is waiting for."));
        if (!participant.spEntityId().equals(verified.sp().entityId())) {
            throw HttpError.badRequest("The LogoutResponse comes from " + verified.sp().entityId()
                    + ", but the LogoutRequest " + inResponseTo + " went to " + participant.spEntityId() + ".");
        }
        StatusCode code = response.getStatus() == null ? null : response.getStatus().getStatusCode();
        if (code == null || code.getValue() == null) {
            throw HttpError.badRequest("The LogoutResponse has no StatusCode.");
        }
        return new Answer(participant, verified.id(), code.getValue());
    }

    private static String shown(String value) {
        return value.length() > 100 ? value.substring(0, 100) + "..." : value;
    }
}
