package dev.stsbridge.verifier.signin;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.FormFields;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamDirectory;
import dev.stsbridge.verifier.policy.TrustPolicies;
import dev.stsbridge.verifier.saml.StsErrors;
import dev.stsbridge.verifier.saml.validation.ValidatedClaims;
import dev.stsbridge.verifier.sts.CredentialIssuer;

/**
 * The console sign-in endpoint (mount at {@code /saml}, {@code /saml/acs/*} and {@code /console}; other paths are
 * left to the next handler). {@code POST /saml} or {@code /saml/acs/<IdP-ID>} with {@code SAMLResponse},
 * {@code RelayState} and, back from the picker, {@code roleIndex}: one role pair (or a chosen one) signs in and
 * redirects (303) to {@code /console?session=<id>}; several show "Select a role:". Refusals are AWS's error page
 * with the reason in a detail line. Every page carries CSP, X-Frame-Options DENY, Referrer-Policy no-referrer and
 * Cache-Control no-store.
 */
public final class SignInHandler extends Handler.Abstract {
    private static final Logger LOG = LoggerFactory.getLogger(SignInHandler.class);
    private static final String ACS_PREFIX = "/saml/acs/";

    private final SignInFlow flow;
    private final SignInPages pages;
    private final SignInSettings settings;
    private final Clock clock;
    private final ConsoleSessions sessions;

    /** A sign-in endpoint with console sessions of its own. */
    public SignInHandler(IamDirectory iam, ProvidersByUuid providersByUuid, TrustPolicies trustPolicies,
                         CredentialIssuer credentials, Clock clock, SignInSettings settings) {
        this(iam, providersByUuid, trustPolicies, credentials, clock, settings, new ConsoleSessions());
    }

    /** A sign-in endpoint whose {@code /console} also shows the given sessions (those of the federation endpoint). */
    public SignInHandler(IamDirectory iam, ProvidersByUuid providersByUuid, TrustPolicies trustPolicies,
                         CredentialIssuer credentials, Clock clock, SignInSettings settings,
                         ConsoleSessions sessions) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.flow = new SignInFlow(iam, providersByUuid, trustPolicies, credentials, clock, settings);
        this.pages = new SignInPages(settings);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = request.getHttpURI().getCanonicalPath(); // mounted at the root: no context path
        boolean post = HttpMethod.POST.is(request.getMethod());
        boolean get = HttpMethod.GET.is(request.getMethod()) || HttpMethod.HEAD.is(request.getMethod());
        if (path.equals("/saml") || path.startsWith(ACS_PREFIX) && path.length() > ACS_PREFIX.length()) {
            if (!post) {
                return send(response, callback, 405, "Method Not Allowed", false);
            }
            signIn(request, response, callback, path);
            return true;
        }
        if (path.equals("/console")) {
            if (!get) {
                return send(response, callback, 405, "Method Not Allowed", false);
            }
            console(request, response, callback);
            return true;
        }
        return false;
    }

    private void signIn(Request request, Response response, Callback callback, String path) {
        Fields form;
        try {
            form = FormFields.getFields(request, 20, settings.maxFormBytes());
        } catch (RuntimeException e) {
            send(response, callback, 413, pages.error(StsErrors.invalid("Invalid SAML response: the form is too "
                    + "large or malformed")), true);
            return;
        }
        Optional<String> relayState = Optional.ofNullable(form.getValue("RelayState")).filter(s -> !s.isEmpty());
        try {
            String samlResponse = Optional.ofNullable(form.getValue("SAMLResponse")).filter(s -> !s.isBlank())
                    .orElseThrow(() -> new AwsException(StsErrors.invalid("Invalid SAML response: no SAMLResponse")));
            Optional<String> idpId = path.startsWith(ACS_PREFIX)
                    ? Optional.of(path.substring(ACS_PREFIX.length())) : Optional.empty();
            List<ValidatedClaims> verified = flow.verify(samlResponse, idpId);
            List<SignInFlow.Choice> choices = SignInFlow.choices(verified);
            Optional<SignInFlow.Choice> chosen = choose(choices, Optional.ofNullable(form.getValue("roleIndex")));
            if (chosen.isEmpty()) {
                send(response, callback, 200, pages.picker(path, samlResponse, relayState,
                        choices.stream().map(c -> c.pair().roleArn()).toList()), true);
                return;
            }
            SignInFlow.Signed signed = flow.assume(chosen.get());
            String id = sessions.newId();
            sessions.put(new ConsoleSession(id, signed.grant(), signed.credentials().accessKeyId(), relayState,
                    signed.at()), clock.instant());
            LOG.info("console sign-in as {} until {} (session {})", signed.grant().assumedRoleArn(),
                    signed.grant().expiration(), id.substring(0, 6));
            PageHeaders.secure(response);
            Response.sendRedirect(request, response, callback, 303, "/console?session=" + id, true);
        } catch (AwsException e) {
            refuse(response, callback, e.error());
        }
    }

    /** One pair: that one. A roleIndex: the pair with that role ARN (refused if absent). Else: ask. */
    private static Optional<SignInFlow.Choice> choose(List<SignInFlow.Choice> choices, Optional<String> roleIndex) {
        if (choices.isEmpty()) {
            throw new AwsException(StsErrors.invalid(
                    "Invalid SAML response: the Role attribute names no role of the verified provider"));
        }
        if (roleIndex.isPresent()) {
            return Optional.of(choices.stream().filter(c -> c.pair().roleArn().equals(roleIndex.get())).findFirst()
                    .orElseThrow(() -> new AwsException(StsErrors.notAuthorized())));
        }
        return choices.size() == 1 ? Optional.of(choices.get(0)) : Optional.empty();
    }

    private void console(Request request, Response response, Callback callback) {
        String id = Optional.ofNullable(Request.extractQueryParameters(request).getValue("session")).orElse("");
        Optional<ConsoleSession> session = sessions.find(id)
                .filter(s -> s.expiration().isAfter(clock.instant()));
        if (session.isEmpty()) {
            send(response, callback, 404, pages.error(StsErrors.invalid(
                    "Your console session has expired or does not exist; sign in again")), true);
            return;
        }
        send(response, callback, 200, pages.console(session.get()), true);
    }

    private void refuse(Response response, Callback callback, AwsError error) {
        LOG.info("console sign-in refused: {} {}", error.code(), error.message());
        send(response, callback, error.httpStatus(), pages.error(error), true);
    }

    private static boolean send(Response response, Callback callback, int status, String body, boolean html) {
        response.setStatus(status);
        PageHeaders.secure(response);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, html ? "text/html; charset=utf-8" : "text/plain; charset=utf-8");
        Content.Sink.write(response, true, body, callback);
        return true;
    }
}
