package dev.stsbridge.idp.web.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.sso.IdpApplication;
import dev.stsbridge.idp.sso.RoleChoice;
import dev.stsbridge.idp.web.http.BasicCredentials;
import dev.stsbridge.idp.web.http.Endpoint;
import dev.stsbridge.idp.web.http.Exchange;
import dev.stsbridge.idp.web.login.PasswordCheck;
import dev.stsbridge.idp.web.session.Session;
import dev.stsbridge.idp.web.session.Sessions;
import dev.stsbridge.idp.web.sp.EcpEndpoint;

/**
 * {@code GET /api/v1/roles}: the signed-in person's AWS role catalogue as JSON, so that command-line clients never
 * scrape the portal. Authenticated by the browser session, or by HTTP Basic through {@link PasswordCheck} (the same
 * throttle and audit as the login form). The answer (version 1; fields are only ever added):
 *
 * <pre>{"version":1, "user":"alice", "signinUrl":"https://signin.aws.amazon.com/saml",
 *  "ecpUrl":"https://idp.example.com/saml2/ecp",
 *  "accounts":[{"id":"111122223333", "name":"prod", "roles":[{"name":"Admin",
 *    "roleArn":"arn:aws:iam::111122223333:role/Admin",
 *    "principalArn":"arn:aws:iam::111122223333:saml-provider/stsbridge", "sessionDurationSeconds":3600}]}]}</pre>
 *
 * {@code sessionDurationSeconds} is the assertion's SessionDuration attribute (absent when none is configured). A
 * refusal is {@code {"error":{"code":..., "message":...}}} with the status (401 with a Basic challenge, 429 with
 * {@code Retry-After}, 503).
 */
public final class RoleCatalogueEndpoint implements Endpoint {

    public static final String PATH = "/api/v1/roles";
    private static final ObjectMapper JSON = new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

    /** The catalogue, as serialized. */
    public record Catalogue(int version, String user, String signinUrl, String ecpUrl, List<Account> accounts) {
    }

    /** One account and the person's roles there. */
    public record Account(String id, String name, List<Role> roles) {
    }

    /** One role: its name (with path), ARN, the SAML provider's ARN, and the session duration the IdP asks for. */
    public record Role(String name, String roleArn, String principalArn, Integer sessionDurationSeconds) {
    }

    private final IdpApplication idp;
    private final Sessions sessions;
    private final PasswordCheck passwords;

    public RoleCatalogueEndpoint(IdpApplication idp, Sessions sessions, PasswordCheck passwords) {
        this.idp = idp;
        this.sessions = sessions;
        this.passwords = passwords;
    }

    @Override
    public void handle(Exchange exchange) {
        exchange.noStore();
        Optional<Session> session = sessions.current(exchange).filter(Session::signedIn);
        if (session.isPresent()) {
            answer(exchange, session.get().user().orElseThrow().user().username(),
                    idp.sso().explain(session.get().user().orElseThrow(), RoleChoice.all()).claims());
            return;
        }
        Optional<BasicCredentials> credentials = BasicCredentials.parse(exchange.header("Authorization"));
        if (credentials.isEmpty()) {
            exchange.setHeader("WWW-Authenticate", BasicCredentials.challenge(EcpEndpoint.REALM));
            error(exchange, 401, "Unauthorized", "Authenticate with HTTP Basic (your directory username and password).");
            return;
        }
        PasswordCheck.Outcome outcome = passwords.check(credentials.get().username(), credentials.get().password(),
                exchange.clientAddress(), exchange.requestId(), PasswordCheck.Channel.BASIC);
        if (outcome instanceof PasswordCheck.Refused refused) {
            if (refused.status() == 401) {
                exchange.setHeader("WWW-Authenticate", BasicCredentials.challenge(EcpEndpoint.REALM));
            }
            refused.retryAfterSeconds().ifPresent(s -> exchange.setHeader("Retry-After", Long.toString(s)));
            error(exchange, refused.status(), code(refused.status()), refused.message());
            return;
        }
        PasswordCheck.Accepted accepted = (PasswordCheck.Accepted) outcome;
        var person = idp.signedIn(accepted.user(), exchange.secure(), sessions.absoluteTimeout());
        answer(exchange, accepted.user().username(), idp.sso().explain(person, RoleChoice.all()).claims());
    }

    private void answer(Exchange exchange, String username, AwsClaims claims) {
        Map<String, List<Role>> byAccount = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        Integer duration = claims.sessionDurationSeconds().orElse(null);
        for (AwsRolePair pair : claims.roles()) {
            String role = pair.roleArn().substring(pair.roleArn().indexOf(":role/") + ":role/".length());
            byAccount.computeIfAbsent(pair.accountId(), a -> new ArrayList<>())
                    .add(new Role(role, pair.roleArn(), pair.providerArn(), duration));
            names.put(pair.accountId(), pair.accountName());
        }
        List<Account> accounts = new ArrayList<>();
        byAccount.forEach((id, roles) -> accounts.add(new Account(id, names.get(id), roles)));
        Catalogue catalogue = new Catalogue(1, username, idp.sso().settings().destination().value(),
                idp.identity().ecpUrl().toString(), accounts);
        send(exchange, 200, catalogue);
    }

    private static String code(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 429 -> "Throttled";
            case 503 -> "DirectoryUnavailable";
            default -> "Refused";
        };
    }

    private static void error(Exchange exchange, int status, String code, String message) {
        send(exchange, status, Map.of("error", Map.of("code", code, "message", message)));
    }

    private static void send(Exchange exchange, int status, Object body) {
        try {
            exchange.send(status, "application/json", JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the role catalogue: " + e.getMessage(), e);
        }
    }
}
