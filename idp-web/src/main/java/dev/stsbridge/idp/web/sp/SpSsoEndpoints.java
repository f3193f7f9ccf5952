package dev.stsbridge.idp.web.sp;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import dev.stsbridge.idp.assertion.SignedResponse;
import dev.stsbridge.idp.claims.MissingClaimException;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.mfa.AuthnContextRequest;
import dev.stsbridge.idp.sso.BasicSsoService;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.login.PasswordCheck;
import dev.stsbridge.idp.web.mfa.SecondFactorCheck;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.ops.WebMetrics;
import dev.stsbridge.idp.web.session.PendingAuthnRequest;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;
import dev.stsbridge.idp.web.session.SpParticipant;
import dev.stsbridge.idp.web.sso.AwsSsoEndpoint;
import dev.stsbridge.idp.web.sso.PostFormPage;

/**
 * {@code /saml2/sso} (GET: HTTP-Redirect binding; POST: HTTP-POST binding) and {@code /saml2/sso/continue}: decode
 * -> check ({@link AuthnRequestChecks}) -> answer now if signed in, else keep the request in the session and log in
 * first -> the RequestedAuthnContext and the roles' {@code require-mfa} (a second factor first if needed) -> the
 * response (InResponseTo = the request's ID) by the SP's profile, naming the authentication context it asked for,
 * posted to the checked ACS URL. A passive request from someone not signed in is answered at once with status
 * Responder/NoPassive; one that asks for what the IdP cannot do, with Responder/NoAuthnContext.
 */
public final class SpSsoEndpoints {

    private final IdpApplication idp;
    private final ServiceProviders sps;
    private final Sessions sessions;
    private final AuthnRequestChecks checks;
    private final AwsSsoEndpoint aws;
    private final AuditLog audit;
    private final WebMetrics metrics;
    private final SecureRandom random = new SecureRandom();

    public SpSsoEndpoints(IdpApplication idp, ServiceProviders sps, Sessions sessions, AwsSsoEndpoint aws,
                          AuditLog audit, WebMetrics metrics, Clock clock) {
        this(idp, sps, sessions, aws, audit, metrics, clock, new InMemoryReplayCache(clock));
    }

    /** The same with AuthnRequest IDs remembered in {@code replays} (e.g. shared by several nodes). */
    public SpSsoEndpoints(IdpApplication idp, ServiceProviders sps, Sessions sessions, AwsSsoEndpoint aws,
                          AuditLog audit, WebMetrics metrics, Clock clock, ReplayCache replays) {
        this.idp = idp;
        this.sps = sps;
        this.sessions = sessions;
        this.checks = new AuthnRequestChecks(sps, idp.identity().singleSignOnUrl(), idp.identity().ecpUrl(),
                clock, replays);
        this.aws = aws;
        this.audit = audit;
        this.metrics = metrics;
    }

    /** {@code GET /saml2/sso}: the HTTP-Redirect binding. */
    public Endpoint redirectBinding() {
        return exchange -> receive(exchange, SamlBindings.redirect(exchange.rawQuery()));
    }

    /** {@code POST /saml2/sso}: the HTTP-POST binding. */
    public Endpoint postBinding() {
        return exchange -> receive(exchange, SamlBindings.post(exchange.form("SAMLRequest"),
                exchange.form("RelayState")));
    }

    /** {@code GET /saml2/sso/continue}: after the login, the request kept in the session is answered. */
    public Endpoint continueAfterLogin() {
        return exchange -> {
            Session session = sessions.current(exchange).filter(s -> s.signedIn() && s.pending().isPresent())
                    .orElseThrow(() -> HttpError.badRequest("There is no sign-in request waiting for you; start "
                            + "again from the application you were signing in to."));
            PendingAuthnRequest pending = session.pending().orElseThrow();
            session = sessions.save(session.withPending(Optional.empty()));
            RegisteredSp sp = sps.find(pending.spEntityId()).orElseThrow(() -> HttpError.badRequest(
                    "The service provider " + pending.spEntityId() + " is no longer registered."));
            answer(exchange, session, sp, pending, false);
        };
    }

    private void receive(Exchange exchange, InboundRequest inbound) {
        long start = System.nanoTime();
        CheckedRequest request = checks.check(inbound);
        PendingAuthnRequest pending = new PendingAuthnRequest(request.sp().entityId(), request.acsUrl(),
                request.requestId(), request.relayState(), request.authnContext());
        Optional<Session> session = sessions.current(exchange);
        if (session.isPresent() && session.get().signedIn() && !request.forceAuthn()) {
            answer(exchange, session.get(), request.sp(), pending, request.passive());
            metrics.ssoTime(System.nanoTime() - start);
            return;
        }
        if (request.passive()) { // may not show the login page: the SP gets Responder/NoPassive and decides
            SignedResponse noPassive = idp.statusResponder().noPassive(request.acsUrl(), request.requestId());
            PostFormPage.send(exchange, session, request.acsUrl(), noPassive, request.relayState(),
                    request.sp().entityId(), request.sp().profile() == SpProfile.AWS_SIGNIN);
            return;
        }
        Session waiting = request.forceAuthn() ? sessions.startOver(exchange, session)
                : session.orElseGet(() -> sessions.currentOrNew(exchange));
        sessions.save(waiting.withPending(Optional.of(pending)));
        exchange.redirect("/login");
    }

    /**
     * The answer for a signed-in person: RequestedAuthnContext and the roles' {@code require-mfa} decide first
     * (step up to {@code /mfa} and come back here, or {@code Responder}/{@code NoAuthnContext} when nothing can
     * satisfy the request, or {@code NoPassive} when a passive request would need the step-up).
     */
    private void answer(Exchange exchange, Session session, RegisteredSp sp, PendingAuthnRequest pending,
                        boolean passive) {
        SignedInUser signedIn = session.user().orElseThrow();
        AuthnContextRequest.Decision decision = pending.authnContext()
                .map(r -> r.decide(signedIn.authnContextClassRef(), exchange.secure()))
                .orElseGet(() -> new AuthnContextRequest.Satisfied(signedIn.authnContextClassRef()));
        boolean roleNeedsMfa = sp.profile() == SpProfile.AWS_SIGNIN
                && aws.mfa().roleNeedsStepUp(signedIn, RoleChoice.all());
        if (decision instanceof AuthnContextRequest.NeedsMfa && !aws.mfa().available()) {
            decision = new AuthnContextRequest.Unsatisfiable("multi-factor authentication is turned off here");
        }
        if (decision instanceof AuthnContextRequest.Unsatisfiable unsatisfiable) {
            SignedResponse refusal = idp.statusResponder().noAuthnContext(pending.acsUrl(), pending.requestId(),
                    unsatisfiable.reason());
            PostFormPage.send(exchange, session, pending.acsUrl(), refusal, pending.relayState(), sp.entityId(),
                    sp.profile() == SpProfile.AWS_SIGNIN);
            return;
        }
        if (decision instanceof AuthnContextRequest.NeedsMfa || roleNeedsMfa) {
            if (passive) {
                SignedResponse noPassive = idp.statusResponder().noPassive(pending.acsUrl(), pending.requestId());
                PostFormPage.send(exchange, session, pending.acsUrl(), noPassive, pending.relayState(),
                        sp.entityId(), sp.profile() == SpProfile.AWS_SIGNIN);
                return;
            }
            aws.mfa().stepUp(exchange, sessions.save(session.withPending(Optional.of(pending))),
                    LoginEndpoints.CONTINUE_PATH);
            return;
        }
        SignedInUser person = signedIn.naming(((AuthnContextRequest.Satisfied) decision).classRef());
        if (sp.profile() == SpProfile.AWS_SIGNIN) {
            aws.respond(exchange, session, person, RoleChoice.all(), pending.relayState(),
                    Optional.of(pending.requestId()));
            return;
        }
        SignedResponse signed = issue(session, sp, person, pending);
        audit.assertion(new AuditLog.Issued(person.username(), exchange.clientAddress(), sp.entityId(),
                signed.assertionId(), Optional.of(pending.requestId()), List.of(), List.of(), "sso"),
                exchange.requestId());
        metrics.issued(sp.entityId());
        PostFormPage.send(exchange, session, pending.acsUrl(), signed, pending.relayState(), sp.entityId(),
                false);
    }

    /**
     * The response to an SP of the {@code basic} profile, with a SessionIndex of its own for this session and SP
     * (kept for later sign-ins to the same SP); the session remembers the SP, the NameID and the SessionIndex for
     * single logout.
     */
    private SignedResponse issue(Session session, RegisteredSp sp, SignedInUser person, PendingAuthnRequest pending) {
        String sessionIndex = session.participant(sp.entityId()).map(SpParticipant::sessionIndex)
                .orElseGet(this::newSessionIndex);
        SignedInUser atThisSp = new SignedInUser(person.user(), person.authnInstant(), person.authnContextClassRef(),
                sessionIndex, person.sessionNotOnOrAfter());
        BasicSsoService.Issued issued;
        try {
            issued = idp.basicSso().issue(atThisSp, new BasicSsoService.Recipient(sp.entityId(), pending.acsUrl(),
                    sp.nameIdFormat(), Optional.of(pending.requestId())));
        } catch (MissingClaimException e) {
            throw HttpError.forbidden("Cannot sign you in to " + sp.entityId() + ": " + e.getMessage() + ".");
        }
        sessions.save(session.withParticipant(new SpParticipant(sp.entityId(), issued.nameId().value(),
                issued.nameId().format(), Optional.empty(), Optional.empty(), sessionIndex)));
        return issued.response();
    }

    /** An opaque SessionIndex: 128 random bits, unrelated to the session ID. */
    private String newSessionIndex() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return "_" + HexFormat.of().formatHex(bytes);
    }

    /**
     * {@code POST /saml2/ecp}: the ECP profile, with the same request checks (and replay cache) as the browser
     * bindings, and TOTP codes from the {@value EcpEndpoint#OTP_HEADER} header as its second factor.
     */
    public EcpEndpoint ecp(PasswordCheck passwords, SecondFactorCheck secondFactors) {
        return new EcpEndpoint(idp, checks, passwords, audit, metrics, sessions.absoluteTimeout(), aws.mfa(),
                secondFactors);
    }

    /** Where a login goes when a request is waiting (the login page redirects here). */
    public static String continuePath() {
        return LoginEndpoints.CONTINUE_PATH;
    }
}
