package dev.stsbridge.idp.web.portal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.rules.Explanation;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.sso.SsoOutcome;
import dev.stsbridge.idp.web.html.Page;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.ops.WebMetrics;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;
import dev.stsbridge.idp.web.sso.AwsSsoEndpoint;

/** {@code /portal} (accounts and roles), {@code /explain} (claims, tags, verdict, the assertion) and {@code /}. */
public final class PortalEndpoints {

    private final IdpApplication idp;
    private final Sessions sessions;
    private final AuditLog audit;
    private final WebMetrics metrics;
    private final Optional<AccessCheck> access;

    public PortalEndpoints(IdpApplication idp, Sessions sessions, AuditLog audit, WebMetrics metrics) {
        this(idp, sessions, audit, metrics, Optional.empty());
    }

    /** @param access answers the explain page's access form; without one the page has no form */
    public PortalEndpoints(IdpApplication idp, Sessions sessions, AuditLog audit, WebMetrics metrics,
                           Optional<AccessCheck> access) {
        this.idp = idp;
        this.sessions = sessions;
        this.audit = audit;
        this.metrics = metrics;
        this.access = access;
    }

    /** One account on the portal, with the roles the person has there. */
    public record AccountView(String id, String name, List<RoleView> roles) {
    }

    /** One role link: {@code /sso/aws?account=<id>&role=<role name with path>}. */
    public record RoleView(String accountId, String accountName, String role, String href) {
    }

    /** {@code /}: the portal, or the login page on the way to it. */
    public Endpoint root() {
        return exchange -> exchange.redirect("/portal");
    }

    public Endpoint portal() {
        return exchange -> {
            Optional<Session> session = signedIn(exchange);
            if (session.isEmpty()) {
                return;
            }
            SignedInUser person = session.get().user().orElseThrow();
            List<AccountView> accounts = accounts(idp.sso().explain(person, RoleChoice.all()).claims());
            exchange.noStore();
            exchange.html(200, "portal", LoginEndpoints.withHeader(Page.titled("Your AWS accounts"), session.get())
                    .with("accounts", accounts).with("hasRoles", !accounts.isEmpty()));
        };
    }

    public Endpoint explain() {
        return exchange -> {
            Optional<Session> session = signedIn(exchange);
            if (session.isEmpty()) {
                return;
            }
            SignedInUser person = session.get().user().orElseThrow();
            RoleChoice choice = AwsSsoEndpoint.choice(exchange);
            Explanation explanation;
            try {
                explanation = idp.sso().explain(person, choice);
            } catch (IllegalArgumentException e) {
                throw HttpError.forbidden("You may not use this role: " + e.getMessage() + ".");
            }
            Page page = ExplainPage.of(explanation, choice, person.username());
            if (explanation.ok()) {
                assertion(exchange, person, choice).ifPresent(xml -> page.with("assertion", xml));
            }
            Optional<String> preferred = choice.isAll() ? Optional.empty()
                    : explanation.claims().roles().stream().findFirst().map(AccessForm::value);
            if (access.isPresent()) {
                AwsClaims everyRole = choice.isAll() ? explanation.claims()
                        : idp.sso().explain(person, RoleChoice.all()).claims();
                withForm(page, session.get(), everyRole, AccessForm.EMPTY, preferred);
            }
            exchange.noStore();
            exchange.html(200, "explain", LoginEndpoints.withHeader(page, session.get()));
        };
    }

    /**
     * {@code POST /explain} (the access form, with the session's CSRF token): the explain page for every role, with
     * the answer of the {@link AccessCheck} or why there is none. 404 when no check is configured.
     */
    public Endpoint checkAccess() {
        return exchange -> {
            if (access.isEmpty()) {
                throw new HttpError(404, "Not found", "No access check is configured.");
            }
            Optional<Session> session = signedIn(exchange);
            if (session.isEmpty()) {
                return;
            }
            if (!Sessions.csrfMatches(session.get(), exchange.form("csrf"))) {
                throw HttpError.forbidden(LoginEndpoints.FORM_EXPIRED);
            }
            SignedInUser person = session.get().user().orElseThrow();
            Explanation explanation = idp.sso().explain(person, RoleChoice.all());
            Page page = ExplainPage.of(explanation, RoleChoice.all(), person.username());
            AccessForm form = AccessForm.from(exchange);
            withForm(page, session.get(), explanation.claims(), form, Optional.empty());
            try {
                AccessCheck.Result result = access.get().check(person, form.request(explanation.claims()));
                page.with("accessResult", AccessForm.ResultView.of(result));
            } catch (IllegalArgumentException | AccessCheck.Refused e) {
                page.with("accessError", e.getMessage());
            }
            exchange.noStore();
            exchange.html(200, "explain", LoginEndpoints.withHeader(page, session.get()));
        };
    }

    private static void withForm(Page page, Session session, AwsClaims claims, AccessForm form,
                                 Optional<String> preferred) {
        if (!claims.roles().isEmpty()) {
            page.with("access", Map.of("csrf", session.csrfToken(), "roles", form.options(claims, preferred),
                    "action", form.action(), "resource", form.resource(), "resourceTags", form.resourceTags()));
        }
    }

    /** The signed response that would be sent, pretty-printed (a copy: the signed bytes are not changed). */
    private Optional<String> assertion(Exchange exchange, SignedInUser person, RoleChoice choice) {
        SsoOutcome outcome = idp.sso().respond(person, choice, Optional.empty());
        if (outcome instanceof SsoOutcome.Posted posted) {
            audit.assertion(AwsSsoEndpoint.issued(exchange, person, posted.form().assertionId(), Optional.empty(),
                    posted.form().claims(), "explain"), exchange.requestId());
            metrics.issued("explain");
            return Optional.of(PrettyXml.print(posted.response().xml()));
        }
        return Optional.empty();
    }

    private Optional<Session> signedIn(Exchange exchange) {
        Optional<Session> session = sessions.current(exchange).filter(Session::signedIn);
        if (session.isEmpty()) {
            exchange.redirect(AwsSsoEndpoint.loginAndBack(exchange));
        }
        return session;
    }

    static List<AccountView> accounts(AwsClaims claims) {
        Map<String, List<RoleView>> byAccount = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        for (AwsRolePair pair : claims.roles()) {
            String role = pair.roleArn().substring(pair.roleArn().indexOf(":role/") + ":role/".length());
            String href = "/sso/aws?account=" + encode(pair.accountId()) + "&role=" + encode(role);
            byAccount.computeIfAbsent(pair.accountId(), a -> new ArrayList<>())
                    .add(new RoleView(pair.accountId(), pair.accountName(), role, href));
            names.put(pair.accountId(), pair.accountName());
        }
        List<AccountView> accounts = new ArrayList<>();
        byAccount.forEach((id, roles) -> accounts.add(new AccountView(id, names.get(id), roles)));
        return accounts;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
