package dev.stsbridge.idp.web.sp;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.stsbridge.idp.assertion.SignedResponse;
import dev.stsbridge.idp.claims.MissingClaimException;
import dev.stsbridge.idp.config.SpProfile;
import dev.stsbridge.idp.mfa.AuthnContextRequest;
import dev.stsbridge.idp.rules.AwsRuleViolation;
import dev.stsbridge.idp.sso.BasicSsoService;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.sso.SignedInUser;
import dev.stsbridge.idp.sso.SsoOutcome;
import dev.stsbridge.idp.web.http.BasicCredentials;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.http.HttpError;
import dev.stsbridge.idp.web.login.PasswordCheck;
import dev.stsbridge.idp.web.mfa.MfaGate;
import dev.stsbridge.idp.web.mfa.SecondFactorCheck;
import dev.stsbridge.idp.web.ops.AuditLog;
import dev.stsbridge.idp.web.ops.WebMetrics;
import dev.stsbridge.idp.web.sso.AwsSsoEndpoint;

/**
 * {@code POST /saml2/ecp[?account=&role=]}: the SAML 2.0 ECP profile's IdP side (profiles §4.2), for command-line
 * clients. In order: a SOAP media type -> HTTP Basic -> {@link PasswordCheck} (the web login's throttle and audit)
 * -> the SOAP envelope's AuthnRequest through the same {@link AuthnRequestChecks} as the browser bindings (registered
 * issuer, signature when the SP signs, freshness, ACS, replay) -> the signed response in a SOAP envelope whose
 * {@code ecp:Response} header names the ACS URL the client must post it to (or, for AWS, redeem it at STS).
 *
 * <p>AWS never sends AuthnRequests, so an ECP client writes one itself with Issuer {@code urn:amazon:webservices},
 * as with Shibboleth's ECP endpoint; the response is then the same as IdP-initiated sign-in's, with InResponseTo.
 * {@code account} and {@code role} (both or neither) narrow it to one role, as {@code /sso/aws} does.
 *
 * <p>The second factor: ECP is not interactive, so a TOTP code travels in the {@value #OTP_HEADER} header beside
 * the Basic credentials. It is checked (throttled, audited, each code once) whenever it is sent, and required when
 * the person must use MFA (configured for them, enrolled, the role has {@code require-mfa}, or the request's
 * RequestedAuthnContext asks for it); the assertion then says {@code https://refeds.org/profile/mfa}. A
 * RequestedAuthnContext nothing can satisfy is answered with a signed {@code Responder}/{@code NoAuthnContext}
 * response in the SOAP body.
 *
 * <p>A wrong password is a 401 with a Basic challenge and never an assertion. Every refusal is a SOAP 1.1 fault
 * with one line of reason: {@code S:Client} with 400 (bad request), 401, 403 (no such role, pre-flight refusal, a
 * second factor required but not sent, or a wrong one), 413, 415 or 429 (throttled, with {@code Retry-After});
 * {@code S:Server} with 503 (directory down).
 */
public final class EcpEndpoint implements Endpoint {

    /** The header that carries a TOTP code (6 digits) as the second factor. */
    public static final String OTP_HEADER = "X-Stsbridge-OTP";
    /** The refusal when a second factor is required and no code came. */
    public static final String OTP_REQUIRED = "Multi-factor authentication is required: send a current code from "
            + "your authenticator app in the " + OTP_HEADER + " header.";
    /** The refusal when a second factor is required and the person has no authenticator app enrolled. */
    public static final String NO_TOTP = "Multi-factor authentication is required, and you have no authenticator "
            + "app enrolled: set one up at /mfa/enroll in the browser (passkeys cannot be used here).";
    /** The realm of the Basic challenge. */
    public static final String REALM = "stsbridge";
    static final int MAX_ENVELOPE = 64 * 1024;
    private static final Set<String> MEDIA_TYPES = Set.of("text/xml", "application/vnd.paos+xml");
    private static final String SOAP_MEDIA_TYPE = "text/xml; charset=utf-8";

    private final IdpApplication idp;
    private final AuthnRequestChecks checks;
    private final PasswordCheck passwords;
    private final AuditLog audit;
    private final WebMetrics metrics;
    private final Duration sessionLength;
    private final MfaGate mfa;
    private final SecondFactorCheck secondFactors;

    EcpEndpoint(IdpApplication idp, AuthnRequestChecks checks, PasswordCheck passwords,
                AuditLog audit, WebMetrics metrics, Duration sessionLength, MfaGate mfa,
                SecondFactorCheck secondFactors) {
        this.mfa = mfa;
        this.secondFactors = secondFactors;
        this.idp = idp;
        this.checks = checks;
        this.passwords = passwords;
        this.audit = audit;
        this.metrics = metrics;
        this.sessionLength = sessionLength;
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.noStore();
        try {
            answer(exchange);
        } catch (HttpError e) {
            if (e.status() == 401) {
                exchange.setHeader("WWW-Authenticate", BasicCredentials.challenge(REALM));
            }
            exchange.send(e.status(), SOAP_MEDIA_TYPE, SoapEnvelope.fault(e.status() < 500, e.getMessage()));
        }
    }

    private void answer(Exchange exchange) {
        long start = System.nanoTime();
        if (!MEDIA_TYPES.contains(exchange.mediaType())) {
            throw new HttpError(415, "Unsupported media type", "Send the SOAP envelope as text/xml "
                    + "(or application/vnd.paos+xml).");
        }
        RoleChoice choice = AwsSsoEndpoint.choice(exchange);
        SignedInUser person = authenticate(exchange);
        byte[] envelope = exchange.body(MAX_ENVELOPE);
        CheckedRequest request = checks.check(new InboundRequest(envelope, Optional.empty(),
                InboundRequest.Binding.SOAP, Optional.empty()));
        boolean aws = request.sp().profile() == SpProfile.AWS_SIGNIN;
        SignedInUser verified = secondFactor(exchange, person, aws && mfa.roleNeedsStepUp(person, choice), request);
        AuthnContextRequest.Decision decision = request.authnContext()
                .map(r -> r.decide(verified.authnContextClassRef(), exchange.secure()))
                .orElseGet(() -> new AuthnContextRequest.Satisfied(verified.authnContextClassRef()));
        if (decision instanceof AuthnContextRequest.NeedsMfa) {
            throw new HttpError(403, "Second factor required", OTP_REQUIRED);
        }
        if (decision instanceof AuthnContextRequest.Unsatisfiable unsatisfiable) {
            exchange.send(200, SOAP_MEDIA_TYPE, SoapEnvelope.response(request.acsUrl().toString(),
                    idp.statusResponder().noAuthnContext(request.acsUrl(), request.requestId(),
                            unsatisfiable.reason())));
            return;
        }
        SignedInUser named = verified.naming(((AuthnContextRequest.Satisfied) decision).classRef());
        SignedResponse response = aws ? awsResponse(exchange, named, choice, request)
                : basicResponse(exchange, named, request);
        exchange.send(200, SOAP_MEDIA_TYPE, SoapEnvelope.response(request.acsUrl().toString(), response));
        metrics.ssoTime(System.nanoTime() - start);
    }

    private SignedInUser authenticate(Exchange exchange) {
        BasicCredentials credentials = BasicCredentials.parse(exchange.header("Authorization"))
                .orElseThrow(() -> new HttpError(401, "Sign-in required",
                        "Authenticate with HTTP Basic (your directory username and password)."));
        PasswordCheck.Outcome outcome = passwords.check(credentials.username(), credentials.password(),
                exchange.clientAddress(), exchange.requestId(), PasswordCheck.Channel.BASIC);
        if (outcome instanceof PasswordCheck.Refused refused) {
            refused.retryAfterSeconds().ifPresent(s -> exchange.setHeader("Retry-After", Long.toString(s)));
            throw new HttpError(refused.status(), "Refused", refused.message());
        }
        return idp.signedIn(((PasswordCheck.Accepted) outcome).user(), exchange.secure(), sessionLength);
    }

    /**
     * The login with its second factor, when a code came in {@value #OTP_HEADER} (checked) or one is required
     * (refused without a code).
     */
    private SignedInUser secondFactor(Exchange exchange, SignedInUser person, boolean roleNeedsMfa,
                                      CheckedRequest request) {
        Optional<String> code = exchange.header(OTP_HEADER).map(String::strip).filter(c -> !c.isEmpty());
        boolean asked = request.authnContext().map(r -> r.decide(person.authnContextClassRef(), exchange.secure())
                instanceof AuthnContextRequest.NeedsMfa).orElse(false);
        boolean required = mfa.available() && (roleNeedsMfa || asked || mfa.dueAtLogin(person));
        if (code.isEmpty()) {
            if (required) {
                throw new HttpError(403, "Second factor required", hasTotp(person) ? OTP_REQUIRED : NO_TOTP);
            }
            return person;
        }
        if (!hasTotp(person)) {
            throw new HttpError(403, "Second factor refused", NO_TOTP);
        }
        SecondFactorCheck.Outcome outcome = secondFactors.totp(new SecondFactorCheck.Attempt(person.username(),
                exchange.clientAddress(), exchange.requestId(), "basic"), code.get());
        if (outcome instanceof SecondFactorCheck.Failed failed) {
            failed.retryAfterSeconds().ifPresent(s -> exchange.setHeader("Retry-After", Long.toString(s)));
            throw new HttpError(failed.status() == 429 ? 429 : 403, "Second factor refused", failed.message());
        }
        return person.withMfa(idp.clock().instant());
    }

    private boolean hasTotp(SignedInUser person) {
        return mfa.mfa().policy().totpEnabled() && mfa.mfa().enrollments().find(person.username()).totp().isPresent();
    }

    private SignedResponse awsResponse(Exchange exchange, SignedInUser person, RoleChoice choice,
                                       CheckedRequest request) {
        SsoOutcome outcome;
        try {
            outcome = idp.sso().respond(person, choice, Optional.empty(), Optional.of(request.requestId()));
        } catch (IllegalArgumentException e) {
            throw HttpError.forbidden("You may not use this role: " + e.getMessage() + ".");
        }
        if (outcome instanceof SsoOutcome.Refused refused) {
            audit.refused(person.username(), exchange.clientAddress(), request.sp().entityId(),
                    refused.violations().stream().map(v -> v.rule().name()).distinct().toList(),
                    exchange.requestId());
            metrics.refused();
            throw HttpError.forbidden("Sign-in refused: " + String.join(" ",
                    refused.violations().stream().map(AwsRuleViolation::message).toList()));
        }
        SsoOutcome.Posted posted = (SsoOutcome.Posted) outcome;
        audit.assertion(AwsSsoEndpoint.issued(exchange, person, posted.form().assertionId(),
                Optional.of(request.requestId()), posted.form().claims(), "ecp"), exchange.requestId());
        metrics.issued(request.sp().entityId());
        return posted.form().response();
    }

    private SignedResponse basicResponse(Exchange exchange, SignedInUser person, CheckedRequest request) {
        RegisteredSp sp = request.sp();
        SignedResponse signed;
        try {
            signed = idp.basicSso().respond(person, new BasicSsoService.Recipient(sp.entityId(), request.acsUrl(),
                    sp.nameIdFormat(), Optional.of(request.requestId())));
        } catch (MissingClaimException e) {
            throw HttpError.forbidden("Cannot sign you in to " + sp.entityId() + ": " + e.getMessage() + ".");
        }
        audit.assertion(new AuditLog.Issued(person.username(), exchange.clientAddress(), sp.entityId(),
                signed.assertionId(), Optional.of(request.requestId()), List.of(), List.of(), "ecp"),
                exchange.requestId());
        metrics.issued(sp.entityId());
        return signed;
    }
}
