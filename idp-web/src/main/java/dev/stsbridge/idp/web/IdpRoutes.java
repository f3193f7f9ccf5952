package dev.stsbridge.idp.web;

import java.util.Optional;

import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.web.api.RoleCatalogueEndpoint;
import dev.stsbridge.idp.web.html.StaticAssets;
import dev.stsbridge.idp.web.html.Templates;
import dev.stsbridge.idp.web.http.WebHandler;
import dev.stsbridge.idp.web.login.LoginEndpoints;
import dev.stsbridge.idp.web.login.LoginThrottle;
import dev.stsbridge.idp.web.login.PasswordCheck;
import dev.stsbridge.idp.web.mfa.EnrollmentEndpoints;
import dev.stsbridge.idp.web.mfa.MfaEndpoints;
import dev.stsbridge.idp.web.mfa.MfaGate;
import dev.stsbridge.idp.web.mfa.SecondFactorCheck;
import dev.stsbridge.idp.web.oidc.OidcEndpoints;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.ops.OpsEndpoints;
import dev.stsbridge.idp.web.ops.WebMetrics;
import dev.stsbridge.idp.web.portal.AccessCheck;
import dev.stsbridge.idp.web.portal.PortalEndpoints;
import dev.stsbridge.idp.web.session.Sessions;
import dev.stsbridge.idp.web.slo.SloEndpoints;
import dev.stsbridge.idp.web.sp.ServiceProviders;
import dev.stsbridge.idp.web.sp.SpSsoEndpoints;
import dev.stsbridge.idp.web.sso.AwsSsoEndpoint;
import dev.stsbridge.idp.web.state.WebState;
import dev.stsbridge.metadata.IdpIdentity;

/** Every endpoint of the IdP (DESIGN.md's fixed paths), wired to its collaborators. */
final class IdpRoutes {

    private IdpRoutes() {
    }

    static WebHandler handler(IdpApplication idp, ServerSettings settings, AuditLog audit,
                              Optional<AccessCheck> access, WebState state) {
        Sessions sessions = new Sessions(state.sessions(), state.clock(), settings.sessionIdleTimeout(),
                settings.sessionAbsoluteTimeout());
        WebMetrics metrics = new WebMetrics(sessions::size);
        PasswordCheck passwords = new PasswordCheck(idp, new LoginThrottle(state.clock(),
                LoginThrottle.Policy.perUsername(), LoginThrottle.Policy.perAddress(), state.throttles(), "login"),
                audit, metrics);
        MfaGate mfa = new MfaGate(idp.mfa(), sessions, idp.clock());
        SecondFactorCheck secondFactors = new SecondFactorCheck(idp.mfa(), new LoginThrottle(state.clock(),
                LoginThrottle.Policy.perUsername(), LoginThrottle.Policy.perAddress(), state.throttles(), "mfa"),
                audit, idp.clock());
        MfaEndpoints mfaSteps = new MfaEndpoints(mfa, sessions, secondFactors);
        EnrollmentEndpoints enroll = new EnrollmentEndpoints(mfa, sessions, secondFactors, audit, idp.clock());
        LoginEndpoints login = new LoginEndpoints(idp, sessions, passwords, mfa);
        PortalEndpoints portal = new PortalEndpoints(idp, sessions, audit, metrics, access);
        AwsSsoEndpoint aws = new AwsSsoEndpoint(idp, sessions, audit, metrics, mfa);
        ServiceProviders sps = ServiceProviders.load(idp.config());
        SpSsoEndpoints sp = new SpSsoEndpoints(idp, sps, sessions, aws, audit, metrics, state.clock(), state.replays());
        SloEndpoints slo = new SloEndpoints(idp, sps, sessions, audit, state.clock(), state.replays());
        OpsEndpoints ops = new OpsEndpoints(idp, metrics, state.health());
        WebHandler handler = new WebHandler(Templates.load());
        idp.oidc().ifPresent(oidc -> new OidcEndpoints(oidc, sessions, mfa).routes(handler));
        return handler
                .get("/", portal.root())
                .get("/login", login.form()).post("/login", login.submit())
                .get("/logout", login.confirm()).post("/logout", slo.logout())
                .get(MfaGate.PATH, mfaSteps.form()).post("/mfa/totp", mfaSteps.totp())
                .post("/mfa/passkey", mfaSteps.passkey()).post("/mfa/recovery", mfaSteps.recovery())
                .get(EnrollmentEndpoints.PATH, enroll.form()).post("/mfa/enroll/totp", enroll.confirmTotp())
                .post("/mfa/enroll/passkey", enroll.registerPasskey())
                .get("/portal", portal.portal())
                .get("/explain", portal.explain()).post("/explain", portal.checkAccess())
                .get("/sso/aws", aws)
                .get("/saml2/sso", sp.redirectBinding()).post("/saml2/sso", sp.postBinding())
                .get(LoginEndpoints.CONTINUE_PATH, sp.continueAfterLogin())
                .get(IdpIdentity.SLO_PATH, slo.redirectBinding()).post(IdpIdentity.SLO_PATH, slo.postBinding())
                .post(IdpIdentity.ECP_PATH, sp.ecp(passwords, secondFactors))
                .get(RoleCatalogueEndpoint.PATH, new RoleCatalogueEndpoint(idp, sessions, passwords))
                .get("/saml2/metadata", ops.metadata())
                .get("/healthz", ops.health())
                .get("/metrics", ops.metrics())
                .get(StaticAssets.STYLESHEET_PATH, StaticAssets.stylesheet());
    }
}
