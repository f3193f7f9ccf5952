package dev.stsbridge.idp.web.slo;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import dev.stsbridge.idp.assertion.LogoutMessages;
import dev.stsbridge.idp.assertion.LogoutStatus;
import dev.stsbridge.idp.assertion.SignedLogoutMessage;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;
import dev.stsbridge.idp.web.session.SpParticipant;
import dev.stsbridge.idp.web.sp.InboundRequest;
import dev.stsbridge.idp.web.sp.ReplayCache;
import dev.stsbridge.idp.web.sp.SamlBindings;
import dev.stsbridge.idp.web.sp.ServiceProviders;

/**
 * {@code /saml2/slo} (GET: HTTP-Redirect binding; POST: HTTP-POST binding) and {@code POST /logout}.
 *
 * <p>An SP's LogoutRequest: decode -> check ({@link LogoutRequestChecks}) -> it must name what the IdP sent that SP
 * in this browser's session (else the SP gets a signed {@code Requester}/{@code UnknownPrincipal} and nothing ends)
 * -> the IdP session ends -> {@link LogoutChain} logs the other SPs out and answers the SP. An SP's LogoutResponse:
 * its RelayState names the logout under way -> check ({@link LogoutResponseChecks}) -> the chain goes on. The
 * sign-out button (POST with the CSRF token) ends the session and starts the chain with no SP to answer.
 */
public final class SloEndpoints {

    private final IdpApplication idp;
    private final Sessions sessions;
    private final URI sloUrl;
    private final LogoutRequestChecks requests;
    private final LogoutResponseChecks responses;
    private final LogoutChain chain;
    private final AuditLog audit;

    public SloEndpoints(IdpApplication idp, ServiceProviders sps, Sessions sessions, AuditLog audit, Clock clock,
                        ReplayCache replays) {
        this.idp = idp;
        this.sessions = sessions;
        this.sloUrl = idp.identity().singleLogoutUrl();
        this.requests = new LogoutRequestChecks(sps, sloUrl, clock, replays);
        this.responses = new LogoutResponseChecks(sps, sloUrl, clock);
        this.chain = new LogoutChain(sps, sessions, new LogoutMessages(idp.config().entityId(),
                idp.keys().current(), clock, new SecureRandom()), audit);
        this.audit = audit;
    }

    /** {@code GET /saml2/slo}: the HTTP-Redirect binding. */
    public Endpoint redirectBinding() {
        return audited(exchange -> {
            if (exchange.query(SignedLogoutMessage.RESPONSE).isPresent()) {
                response(exchange, SamlBindings.redirect(exchange.rawQuery(), SignedLogoutMessage.RESPONSE));
            } else {
                request(exchange, SamlBindings.redirect(exchange.rawQuery(), SignedLogoutMessage.REQUEST));
            }
        });
    }

    /** {@code POST /saml2/slo}: the HTTP-POST binding. */
    public Endpoint postBinding() {
        return audited(exchange -> {
            Optional<String> relayState = exchange.form("RelayState");
            if (exchange.form(SignedLogoutMessage.RESPONSE).isPresent()) {
                response(exchange, SamlBindings.post(exchange.form(SignedLogoutMessage.RESPONSE), relayState,
                        SignedLogoutMessage.RESPONSE));
                return;
            }
            Optional<String> samlRequest = exchange.form(SignedLogoutMessage.REQUEST);
            if (samlRequest.isPresent() && sessions.current(exchange).isEmpty()
                    && exchange.form(LogoutPostPage.RESUBMITTED).isEmpty()) {
                LogoutPostPage.resubmit(exchange, sloUrl, samlRequest.get(), relayState);
                return;
            }
            request(exchange, SamlBindings.post(samlRequest, relayState, SignedLogoutMessage.REQUEST));
        });
    }

    /** Each refused message is audited (the one-line reason names IDs and URLs, never a message's content). */
    private Endpoint audited(Endpoint endpoint) {
        return exchange -> {
            try {
                endpoint.handle(exchange);
            } catch (HttpError e) {
                audit.logout(new AuditLog.Logout("invalid", Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), "sp", Optional.of(e.getMessage())),
                        exchange.clientAddress(), exchange.requestId());
                throw e;
            }
        };
    }

    /** {@code POST /logout} with the session's CSRF token: the sign-out button. */
    public Endpoint logout() {
        return exchange -> {
            Optional<Session> session = sessions.current(exchange);
            exchange.noStore();
            if (session.isPresent() && !Sessions.csrfMatches(session.get(), exchange.form("csrf"))) {
                throw HttpError.forbidden(LoginEndpoints.FORM_EXPIRED);
            }
            if (session.isEmpty() || !session.get().signedIn()) {
                session.ifPresent(s -> sessions.end(exchange, s));
                LogoutChain.signedOutPage(exchange, List.of(), List.of());
                return;
            }
            end(exchange, session.get(), Optional.empty(), "idp");
            chain.start(exchange, session.get().participants(), Optional.empty(), "idp");
        };
    }

    private void request(Exchange exchange, InboundRequest inbound) {
        CheckedLogoutRequest request = requests.check(inbound);
        Optional<Session> session = sessions.current(exchange).filter(Session::signedIn);
        Optional<SpParticipant> named = session.flatMap(s -> s.participants().stream()
                .filter(p -> request.names(p, idp.config().entityId())).findFirst());
        if (named.isEmpty()) {
            audit.logout(new AuditLog.Logout("refused", session.flatMap(Session::user).map(SignedInUser::username),
                    Optional.of(request.sp().entityId()), Optional.of(request.requestId()), Optional.empty(),
                    Optional.of(LogoutStatus.UNKNOWN_PRINCIPAL.name()), "sp"), exchange.clientAddress(),
                    exchange.requestId());
            chain.respond(exchange, request.sp(), request.requestId(), LogoutStatus.UNKNOWN_PRINCIPAL,
                    Optional.of(session.isEmpty() ? "There is no session at the IdP in this browser."
                            : "The NameID and SessionIndex are not those of this browser's session."),
                    request.relayState(), "sp");
            return;
        }
        end(exchange, session.get(), Optional.of(request), "sp");
        chain.start(exchange, session.get().participants(), Optional.of(named.get().at(SpParticipant.Logout.REQUESTED,
                Optional.of(request.requestId()), request.relayState())), "sp");
    }

    private void response(Exchange exchange, InboundRequest inbound) {
        Session logout = inbound.relayState().flatMap(sessions::logoutInProgress).orElseThrow(() ->
                HttpError.badRequest("This LogoutResponse belongs to no logout under way (its RelayState names "
                        + "none, or the logout has finished or expired)."));
        chain.answered(exchange, logout, responses.check(inbound, logout));
    }

    /** The IdP session ends here, on every node (it is removed from the shared store). */
    private void end(Exchange exchange, Session session, Optional<CheckedLogoutRequest> request, String via) {
        sessions.end(exchange, session);
        audit.logout(new AuditLog.Logout("ended", session.user().map(SignedInUser::username),
                request.map(r -> r.sp().entityId()), request.map(CheckedLogoutRequest::requestId), Optional.empty(),
                Optional.empty(), via), exchange.clientAddress(), exchange.requestId());
    }
}
