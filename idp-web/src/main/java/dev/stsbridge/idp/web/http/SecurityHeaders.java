package dev.stsbridge.idp.web.http;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

import org.eclipse.jetty.http.HttpFields;

/**
 * The headers every response carries: a Content-Security-Policy that allows only our own stylesheet and images,
 * forms to ourselves, no framing, no base URL and no script at all; {@code X-Frame-Options: DENY},
 * {@code Referrer-Policy: no-referrer}, {@code X-Content-Type-Options: nosniff}; and HSTS over TLS.
 *
 * <p>The one page with a script, the auto-submitting SAML POST form, gets a policy that allows exactly that script
 * (by its SHA-256 hash) and forms to the post target. Chrome also applies {@code form-action} to the redirects that
 * follow a form submission, and AWS's sign-in endpoint redirects to the console on other hosts, so that policy
 * also allows the AWS partitions' own hosts (any {@code https://*.aws.amazon.com} and the China and GovCloud
 * equivalents).
 */
public final class SecurityHeaders {

    /** The only inline script: submit the SAML POST form as soon as the page loads. */
    public static final String AUTO_SUBMIT_SCRIPT = "document.getElementById('saml-post').submit();";

    private static final String BASE = "default-src 'none'; style-src 'self'; img-src 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'";
    private static final String DEFAULT_POLICY = BASE + "; form-action 'self'";
    private static final String SCRIPT_HASH = "'sha256-" + sha256(AUTO_SUBMIT_SCRIPT) + "'";
    private static final Set<String> AWS_HOSTS = Set.of("https://*.aws.amazon.com", "https://*.amazonaws.cn",
            "https://*.amazonaws-us-gov.com");

    private SecurityHeaders() {
    }

    /** Sets the headers of every response (the default policy: no script, forms only to ourselves). */
    static void apply(HttpFields.Mutable headers, boolean secure) {
        headers.put("Content-Security-Policy", DEFAULT_POLICY);
        headers.put("X-Frame-Options", "DENY");
        headers.put("Referrer-Policy", "no-referrer");
        headers.put("X-Content-Type-Options", "nosniff");
        if (secure) {
            headers.put("Strict-Transport-Security", "max-age=31536000");
        }
    }

    /**
     * The policy of the auto-submitting POST form to {@code target}: the hashed script, and forms to ourselves, the
     * target's origin and, when {@code awsRedirects}, AWS's hosts.
     */
    public static String postFormPolicy(URI target, boolean awsRedirects) {
        Collection<String> sources = new LinkedHashSet<>();
        sources.add("'self'");
        sources.add(origin(target));
        if (awsRedirects) {
            sources.addAll(AWS_HOSTS.stream().sorted().toList());
        }
        return BASE + "; script-src " + SCRIPT_HASH + "; form-action " + String.join(" ", sources);
    }

    /**
     * The policy of a page of ours with one inline script (the passkey pages): that script, by its SHA-256 hash,
     * and forms only to ourselves.
     */
    public static String inlineScriptPolicy(String script) {
        return BASE + "; script-src 'sha256-" + sha256(script) + "'; form-action 'self'";
    }

    /** {@code scheme://host[:port]} of an absolute URL, lower-case, as a CSP source expression. */
    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        String host = url.getHost().toLowerCase(Locale.ROOT);
        return scheme + "://" + (host.contains(":") ? "[" + host + "]" : host)
                + (url.getPort() < 0 ? "" : ":" + url.getPort());
    }

    static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
