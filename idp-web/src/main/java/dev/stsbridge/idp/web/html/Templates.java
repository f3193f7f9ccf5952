package dev.stsbridge.idp.web.html;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

/**
 * The page templates: {@code dev/stsbridge/idp/web/html/<name>.mustache} on the class path, compiled once.
 *
 * <p>Why mustache.java: logic-less templates cannot run code or build markup from values; {@code {{value}}} is
 * HTML-escaped ({@code & < > " ' ` =}) by default, so a value is safe in element content and in quoted attributes;
 * the library is small, has no dependencies, and is on Maven Central. One value only is written unescaped: the POST
 * page's base64 {@code SAMLResponse}, which {@code PostFormPage} takes only from a {@code SignedResponse} (base64 by
 * construction); a test checks that no
 * other template uses the unescaped forms (triple mustaches, the ampersand tag), and that templates are ASCII (HTML
 * entities for anything else), which keeps encoding a page cheap. Template inheritance ({@code {{<layout}}}) gives
 * every page the same head (viewport meta tag, our stylesheet, no external asset).
 */
public final class Templates {

    static final String ROOT = "dev/stsbridge/idp/web/html/";
    /** Every page template, compiled at start so that a broken template fails the start, not a request. */
    public static final List<String> PAGES = List.of("error", "login", "portal", "post", "explain", "logout",
            "signed-out", "refused", "mfa", "mfa-enroll", "mfa-codes", "slo-post", "oidc-continue");

    private final MustacheFactory factory = new DefaultMustacheFactory(ROOT);
    private final Map<String, Mustache> compiled = new ConcurrentHashMap<>();

    /** Compiles every page. */
    public static Templates load() {
        Templates templates = new Templates();
        PAGES.forEach(templates::template);
        return templates;
    }

    /** The page rendered with these values. */
    public String render(String name, Map<String, Object> values) {
        StringWriter out = new StringWriter(4096);
        try {
            template(name).execute(out, values).flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private Mustache template(String name) {
        return compiled.computeIfAbsent(name, n -> factory.compile(n + ".mustache"));
    }
}
