package dev.stsbridge.idp.web.slo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.idp.assertion.LogoutMessages;
import dev.stsbridge.idp.assertion.LogoutStatus;
import dev.stsbridge.idp.assertion.LogoutSubject;
import dev.stsbridge.idp.assertion.SamlBinding;
import dev.stsbridge.idp.assertion.SignedLogoutMessage;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;
import dev.stsbridge.idp.web.session.SpParticipant;
import dev.stsbridge.idp.web.session.SpParticipant.Logout;
import dev.stsbridge.idp.web.sp.RegisteredSp;
import dev.stsbridge.idp.web.sp.ServiceProviders;
import dev.stsbridge.metadata.ServiceProvider;

/**
 * The front-channel logout after the IdP session ended: a signed LogoutRequest to each SP of the session that has a
 * SingleLogoutService, one after another through the browser ({@link #next}), each answer recorded
 * ({@link #answered}), then the signed LogoutResponse to the SP that asked (Success, or PartialLogout when some SP
 * did not confirm) or, from the sign-out button, the page listing who confirmed. The progress lives in the session
 * store ({@link Sessions#startLogout}), never in the browser: our LogoutRequests carry only its ID as RelayState.
 */
final class LogoutChain {

    private final ServiceProviders sps;
    private final Sessions sessions;
    private final LogoutMessages messages;
    private final AuditLog audit;

    LogoutChain(ServiceProviders sps, Sessions sessions, LogoutMessages messages, AuditLog audit) {
        this.sps = sps;
        this.sessions = sessions;
        this.messages = messages;
        this.audit = audit;
    }

    /**
     * Starts the logout of an ended session's {@code participants}; {@code requester}, the SP that asked (its
     * participation at {@link Logout#REQUESTED}), is answered at the end.
     */
    void start(Exchange exchange, List<SpParticipant> participants, Optional<SpParticipant> requester, String via) {
        List<SpParticipant> steps = new ArrayList<>();
        requester.ifPresent(steps::add);
        for (SpParticipant participant : participants) {
            if (requester.filter(r -> r.spEntityId().equals(participant.spEntityId())).isEmpty()) {
                boolean reachable = sps.find(participant.spEntityId()).flatMap(RegisteredSp::singleLogoutService)
                        .isPresent();
                steps.add(participant.at(reachable ? Logout.PENDING : Logout.UNSUPPORTED, Optional.empty(),
                        Optional.empty()));
            }
        }
        if (steps.isEmpty()) {
            signedOutPage(exchange, List.of(), List.of());
            return;
        }
        steps.stream().filter(p -> p.logout() == Logout.UNSUPPORTED).forEach(p -> audit(exchange, "unsupported", p,
                Optional.empty(), Optional.empty(), Optional.empty(), via));
        next(exchange, sessions.startLogout(steps), via);
    }

    /** Records an SP's answer to our LogoutRequest and goes on. */
    void answered(Exchange exchange, Session logout, LogoutResponseChecks.Answer answer) {
        SpParticipant done = answer.participant().at(answer.success() ? Logout.CONFIRMED : Logout.FAILED,
                answer.participant().messageId(), Optional.empty());
        audit(exchange, answer.success() ? "confirmed" : "failed", done, Optional.of(answer.responseId()),
                answer.participant().messageId(), Optional.of(answer.status()), "idp");
        next(exchange, sessions.save(logout.withParticipants(replace(logout.participants(), done))), "idp");
    }

    /** The next LogoutRequest, or the end. */
    private void next(Exchange exchange, Session logout, String via) {
        Optional<SpParticipant> pending = logout.participants().stream().filter(p -> p.logout() == Logout.PENDING)
                .findFirst();
        if (pending.isPresent()) {
            send(exchange, logout, pending.get(), via);
        } else {
            finish(exchange, logout, via);
        }
    }

    private void send(Exchange exchange, Session logout, SpParticipant participant, String via) {
        RegisteredSp sp = sps.find(participant.spEntityId()).orElseThrow();
        ServiceProvider.SingleLogoutService endpoint = sp.singleLogoutService().orElseThrow();
        SignedLogoutMessage request = messages.request(endpoint.location(), subject(participant),
                SamlBinding.of(endpoint.binding()).orElseThrow(), Optional.of(logout.id()));
        SpParticipant sent = participant.at(Logout.SENT, Optional.of(request.id()), Optional.empty());
        sessions.save(logout.withParticipants(replace(logout.participants(), sent)));
        audit(exchange, "sent", sent, Optional.of(request.id()), Optional.empty(), Optional.empty(), via);
        deliver(exchange, request, sp.entityId());
    }

    private void finish(Exchange exchange, Session logout, String via) {
        sessions.discard(logout);
        List<String> confirmed = names(logout, Logout.CONFIRMED);
        List<String> unconfirmed = logout.participants().stream()
                .filter(p -> p.logout() != Logout.CONFIRMED && p.logout() != Logout.REQUESTED)
                .map(SpParticipant::spEntityId).toList();
        Optional<SpParticipant> requester = logout.participants().stream()
                .filter(p -> p.logout() == Logout.REQUESTED).findFirst();
        if (requester.isEmpty()) {
            signedOutPage(exchange, confirmed, unconfirmed);
            return;
        }
        LogoutStatus status = unconfirmed.isEmpty() ? LogoutStatus.SUCCESS : LogoutStatus.PARTIAL_LOGOUT;
        Optional<String> message = unconfirmed.isEmpty() ? Optional.empty()
                : Optional.of("Not signed out of: " + String.join(", ", unconfirmed));
        respond(exchange, sps.find(requester.get().spEntityId()).orElseThrow(), requester.get().messageId()
                .orElseThrow(), status, message, requester.get().relayState(), via);
    }

    /** A signed LogoutResponse to {@code sp}'s SLO endpoint with its binding. */
    void respond(Exchange exchange, RegisteredSp sp, String inResponseTo, LogoutStatus status,
                 Optional<String> message, Optional<String> relayState, String via) {
        ServiceProvider.SingleLogoutService endpoint = sp.singleLogoutService().orElseThrow();
        SignedLogoutMessage response = messages.response(endpoint.responseDestination(), inResponseTo, status,
                message, SamlBinding.of(endpoint.binding()).orElseThrow(), relayState);
        audit.logout(new AuditLog.Logout("answered", Optional.empty(), Optional.of(sp.entityId()),
                Optional.of(response.id()), Optional.of(inResponseTo), Optional.of(status.name()), via),
                exchange.clientAddress(), exchange.requestId());
        deliver(exchange, response, sp.entityId());
    }

    private static void deliver(Exchange exchange, SignedLogoutMessage message, String name) {
        if (message.binding() == SamlBinding.REDIRECT) {
            exchange.noStore();
            exchange.redirect(message.redirectUrl().toString());
        } else {
            LogoutPostPage.send(exchange, message, name);
        }
    }

    static void signedOutPage(Exchange exchange, List<String> confirmed, List<String> unconfirmed) {
        exchange.noStore();
        Page page = Page.titled("Signed out");
        if (!confirmed.isEmpty()) {
            page.with("confirmed", Map.of("names", confirmed));
        }
        if (!unconfirmed.isEmpty()) {
            page.with("unconfirmed", Map.of("names", unconfirmed));
        }
        exchange.html(200, "signed-out", page);
    }

    private void audit(Exchange exchange, String outcome, SpParticipant participant, Optional<String> messageId,
                       Optional<String> inResponseTo, Optional<String> status, String via) {
        audit.logout(new AuditLog.Logout(outcome, Optional.empty(), Optional.of(participant.spEntityId()), messageId,
                inResponseTo, status, via), exchange.clientAddress(), exchange.requestId());
    }

    private static LogoutSubject subject(SpParticipant participant) {
        return new LogoutSubject(participant.nameId(), participant.nameIdFormat(), participant.nameQualifier(),
                participant.spNameQualifier(), participant.sessionIndex());
    }

    private static List<String> names(Session logout, Logout step) {
        return logout.participants().stream().filter(p -> p.logout() == step).map(SpParticipant::spEntityId).toList();
    }

    private static List<SpParticipant> replace(List<SpParticipant> all, SpParticipant changed) {
        return all.stream().map(p -> p.spEntityId().equals(changed.spEntityId()) ? changed : p).toList();
    }
}
