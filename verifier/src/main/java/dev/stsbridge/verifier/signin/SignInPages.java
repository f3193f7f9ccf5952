package dev.stsbridge.verifier.signin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.sts.SessionGrant;

/**
 * The sign-in endpoint's pages: the role picker shaped like AWS's ("Select a role:", {@code form id="saml_form"},
 * radio inputs {@code roleIndex} grouped by account), the console landing page and the error page. No script, no
 * external asset; the one inline style block is allowed by its hash in the Content-Security-Policy.
 */
final class SignInPages {
    static final String INVALID_RESPONSE = "Your request included an invalid SAML response. To logout, click here.";
    private static final String STYLE = "body{font-family:sans-serif;margin:2em auto;max-width:50em;color:#16191f}"
            + ".saml-account{border:1px solid #d5dbdb;margin:1em 0;padding:.5em 1em}.saml-account-name{font-weight:bold}"
            + ".saml-role{margin:.3em 0}.detail{color:#d13212}dt{font-weight:bold}table{border-collapse:collapse}"
            + "td,th{border:1px solid #d5dbdb;padding:.2em .6em;text-align:left}";
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src '" + sha256(STYLE)
            + "'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private static final String LAYOUT = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            + "<title>{{title}}</title><style>{{{style}}}</style></head><body><main>{{{body}}}</main></body></html>";
    private static final String PICKER = "<form id=\"saml_form\" name=\"saml_form\" action=\"{{action}}\" method=\"post\">"
            + "<input type=\"hidden\" name=\"RelayState\" value=\"{{relayState}}\">"
            + "<input type=\"hidden\" name=\"SAMLResponse\" value=\"{{samlResponse}}\">"
            + "<input type=\"hidden\" name=\"name\" value=\"\">"
            + "<p class=\"saml-accounts-header\">Select a role:</p><fieldset>{{{accounts}}}</fieldset>"
            + "<div class=\"buttoninput\"><button type=\"submit\" id=\"signin_button\">Sign in</button></div></form>";
    private static final String ACCOUNT = "<div class=\"saml-account\"><div class=\"saml-account-name\">Account: "
            + "{{label}}</div><hr>{{{roles}}}</div>";
    private static final String ROLE = "<div class=\"saml-role\"><input type=\"radio\" name=\"roleIndex\" "
            + "value=\"{{roleArn}}\" class=\"saml-radio\" id=\"{{roleArn}}\"><label for=\"{{roleArn}}\" "
            + "class=\"saml-role-description\">{{roleName}}</label></div>";
    private static final String CONSOLE = "<h1>AWS Management Console</h1><p>You are signed in (console sign-in model"
            + " of the stsbridge verifier).</p><dl><dt>Role</dt><dd id=\"assumed-role-arn\">{{arn}}</dd>"
            + "<dt>Account</dt><dd id=\"account\">{{account}}</dd><dt>Session expires</dt>"
            + "<dd id=\"expiration\">{{expiration}}</dd><dt>SourceIdentity</dt><dd id=\"source-identity\">{{source}}</dd>"
            + "<dt>Destination (RelayState)</dt><dd id=\"relay-state\">{{relay}}</dd>"
            + "<dt>Issuer</dt><dd id=\"issuer\">{{issuer}}</dd></dl><h2>Session tags</h2>"
            + "<table id=\"session-tags\"><tr><th>Key</th><th>Value</th><th>Transitive</th></tr>{{{tags}}}</table>";
    private static final String TAG = "<tr><td>{{key}}</td><td>{{value}}</td><td>{{transitive}}</td></tr>";
    private static final String ERROR = "<h1>Sign in failed</h1><p id=\"error\">Your request included an invalid SAML "
            + "response. To logout, click <a href=\"{{logout}}\">here</a>.</p><p id=\"detail\" class=\"detail\">"
            + "{{code}}: {{message}}</p>";

    private final SignInSettings settings;

    SignInPages(SignInSettings settings) {
        this.settings = settings;
    }

    /** The role picker; {@code roles} in assertion order, grouped by account in order of first appearance. */
    String picker(String action, String samlResponse, Optional<String> relayState, List<String> roleArns) {
        Map<String, StringBuilder> accounts = new LinkedHashMap<>();
        for (String roleArn : roleArns) {
            String name = roleArn.substring(roleArn.lastIndexOf('/') + 1);
            accounts.computeIfAbsent(roleArn.split(":")[4], k -> new StringBuilder())
                    .append(Html.render(ROLE, Map.of("roleArn", roleArn, "roleName", name)));
        }
        StringBuilder blocks = new StringBuilder();
        accounts.forEach((account, roles) -> blocks.append(Html.render(ACCOUNT,
                Map.of("label", accountLabel(account), "roles", roles.toString()))));
        return page("Amazon Web Services Sign-In", Html.render(PICKER, Map.of("action", action,
                "samlResponse", samlResponse, "relayState", relayState.orElse(""), "accounts", blocks.toString())));
    }

    String console(ConsoleSession session) {
        SessionGrant grant = session.grant();
        StringBuilder tags = new StringBuilder();
        grant.sessionTags().forEach((key, value) -> tags.append(Html.render(TAG, Map.of("key", key, "value", value,
                "transitive", grant.transitiveTagKeys().stream().anyMatch(key::equalsIgnoreCase) ? "yes" : "no"))));
        return page("AWS Management Console", Html.render(CONSOLE, Map.of("arn", grant.assumedRoleArn(),
                "account", accountLabel(grant.accountId()), "expiration", session.expiration().toString(),
                "source", grant.sourceIdentity().orElse("(none)"), "relay", destination(session.relayState()),
                "issuer", session.issuer().orElse("(none)"),
                "tags", tags.toString())));
    }

    String error(AwsError error) {
        return page("Sign in failed", Html.render(ERROR, Map.of("logout", settings.logoutUrl(), "code", error.code(),
                "message", error.message())));
    }

    /** "prod (111122223333)" when an alias is known, else the ID. */
    private String accountLabel(String account) {
        String alias = settings.accountAliases().get(account);
        return alias == null ? account : alias + " (" + account + ")";
    }

    /** The RelayState when it is an AWS console URL (shown as text, never followed). */
    static String destination(Optional<String> relayState) {
        if (relayState.isEmpty() || relayState.get().isBlank()) {
            return "(none: the console home page)";
        }
        return ConsoleUrls.isConsoleUrl(relayState.get()) ? relayState.get()
                : "(ignored: the RelayState is not an AWS console URL)";
    }

    private static String page(String title, String body) {
        return Html.render(LAYOUT, Map.of("title", title, "style", STYLE, "body", body));
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return "sha256-" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
