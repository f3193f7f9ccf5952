package dev.stsbridge.idp.web.sso;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.PostForm;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.sso.SsoOutcome;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.mfa.MfaGate;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.ops.WebMetrics;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;

/**
 * {@code GET /sso/aws[?account=&role=][&RelayState=]}: IdP-initiated sign-in to AWS. In order: signed in (else to
 * the login page and back) -> RelayState is an AWS console URL -> the role choice -> a second factor if the role
 * has {@code require-mfa} and the session has none (to {@code /mfa} and back) -> {@code SsoService.respond}
 * (pre-flight, build, sign) -> the POST form page, audited; or the pre-flight refusal shown, audited, nothing
 * posted.
 */
public final class AwsSsoEndpoint implements Endpoint {

    /** AWS's SP entity ID, as the audit log and metrics name it. */
    public static final String AWS_SP = "urn:amazon:webservices";
    /** Refusal of an assertion whose role needs a second factor the session has not had. */
    public static final String MFA_REQUIRED = "This role requires multi-factor sign-in; sign in with your second "
            + "factor first.";

    private final IdpApplication idp;
    private final Sessions sessions;
    private final AuditLog audit;
    private final WebMetrics metrics;
    private final MfaGate mfa;

    public AwsSsoEndpoint(IdpApplication idp, Sessions sessions, AuditLog audit, WebMetrics metrics, MfaGate mfa) {
        this.idp = idp;
        this.sessions = sessions;
        this.audit = audit;
        this.metrics = metrics;
        this.mfa = mfa;
    }

    /** The second-factor gate (SP-initiated sign-in to AWS asks it too). */
    public MfaGate mfa() {
        return mfa;
    }

    @Override
    public void handle(Exchange exchange) {
        long start = System.nanoTime();
        Optional<Session> session = sessions.current(exchange).filter(Session::signedIn);
        if (session.isEmpty()) {
            exchange.redirect(loginAndBack(exchange));
            return;
        }
        Optional<String> relayState = exchange.query("RelayState").map(AwsConsoleUrl::check);
        RoleChoice choice = choice(exchange);
        if (mfa.roleNeedsStepUp(session.get().user().orElseThrow(), choice)) {
            String query = exchange.rawQuery();
            mfa.stepUp(exchange, session.get(), exchange.path() + (query.isEmpty() ? "" : "?" + query));
            return;
        }
        respond(exchange, session.get(), choice, relayState, Optional.empty());
        metrics.ssoTime(System.nanoTime() - start);
    }

    /**
     * Signs and posts (or shows the refusal); shared with SP-initiated sign-in to AWS, whose caller has already
     * stepped up when needed.
     *
     * @throws HttpError 403 when the role needs a second factor the session has not had (never signed)
     */
    public void respond(Exchange exchange, Session session, RoleChoice choice, Optional<String> relayState,
                        Optional<String> inResponseTo) {
        respond(exchange, session, session.user().orElseThrow(), choice, relayState, inResponseTo);
    }

    /** The same for {@code person} (the session's login, perhaps naming the class RequestedAuthnContext asked for). */
    public void respond(Exchange exchange, Session session, SignedInUser person, RoleChoice choice,
                        Optional<String> relayState, Optional<String> inResponseTo) {
        if (mfa.roleNeedsStepUp(session.user().orElseThrow(), choice)) {
            throw HttpError.forbidden(MFA_REQUIRED);
        }
        SsoOutcome outcome;
        try {
            outcome = idp.sso().respond(person, choice, relayState, inResponseTo);
        } catch (IllegalArgumentException e) {
            throw HttpError.forbidden("You may not use this role: " + e.getMessage() + ".");
        }
        if (outcome instanceof SsoOutcome.Posted posted) {
            PostForm form = posted.form();
            audit.assertion(issued(exchange, person, form.assertionId(), inResponseTo, form.claims(), "sso"),
                    exchange.requestId());
            metrics.issued(AWS_SP);
            PostFormPage.send(exchange, session, form.target(), form.response(), relayState, "AWS", true);
        } else if (outcome instanceof SsoOutcome.Refused refused) {
            audit.refused(person.username(), exchange.clientAddress(), AWS_SP,
                    refused.violations().stream().map(v -> v.rule().name()).distinct().toList(),
                    exchange.requestId());
            metrics.refused();
            exchange.noStore();
            exchange.html(403, "refused", LoginEndpoints.withHeader(Page.titled("Sign-in refused"), session)
                    .with("violations", refused.violations().stream().map(AwsRuleViolation::message).toList())
                    .with("notes", refused.resolution().notes())
                    .with("hasNotes", !refused.resolution().notes().isEmpty()));
        }
    }

    /** The audit record of an assertion for these claims. */
    public static AuditLog.Issued issued(Exchange exchange, SignedInUser person, String assertionId,
                                         Optional<String> inResponseTo, AwsClaims claims, String purpose) {
        return new AuditLog.Issued(person.username(), exchange.clientAddress(), AWS_SP, assertionId, inResponseTo,
                claims.roles().stream().map(AwsRolePair::roleArn).toList(),
                claims.tags().stream().map(SessionTag::key).toList(), purpose);
    }

    /** Both {@code account} and {@code role}, or neither (all roles: AWS shows its picker). */
    public static RoleChoice choice(Exchange exchange) {
        Optional<String> account = exchange.query("account").filter(s -> !s.isBlank());
        Optional<String> role = exchange.query("role").filter(s -> !s.isBlank());
        if (account.isPresent() != role.isPresent()) {
            throw HttpError.badRequest("Give both account and role, or neither (all roles).");
        }
        return account.isEmpty() ? RoleChoice.all() : RoleChoice.one(account.get(), role.get());
    }

    /** {@code /login?next=<this path and query>}. */
    public static String loginAndBack(Exchange exchange) {
        String query = exchange.rawQuery();
        String here = exchange.path() + (query.isEmpty() ? "" : "?" + query);
        return "/login?next=" + URLEncoder.encode(here, StandardCharsets.UTF_8);
    }
}
