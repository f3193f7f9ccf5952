package dev.stsbridge.idp.web.html;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The values of one page, for its template: a title, and what the page shows. Values are escaped when rendered;
 * templates never use triple mustaches, so nothing a value holds is ever markup.
 */
public final class Page {

    private final Map<String, Object> values = new HashMap<>();

    private Page(String title) {
        values.put("title", Objects.requireNonNull(title, "title"));
    }

    public static Page titled(String title) {
        return new Page(title);
    }

    /** Adds a value ({@code {{name}}} in the template); lists and records work as Mustache sections. */
    public Page with(String name, Object value) {
        values.put(name, Objects.requireNonNull(value, name));
        return this;
    }

    /**
     * The signed-in person, shown in the page header with a sign-out button (a POST form with the CSRF token).
     */
    public Page signedIn(String username, String csrfToken) {
        values.put("signedIn", Map.of("username", username, "csrf", csrfToken));
        return this;
    }

    public Map<String, Object> values() {
        return values;
    }

    public Object get(String name) {
        return values.get(name);
    }
}
