package dev.stsbridge.idp.web.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import dev.stsbridge.idp.web.http.Endpoint;

/** The stylesheet, served by the IdP itself (no CDN): {@code /static/stsbridge.css}. */
public final class StaticAssets {

    public static final String STYLESHEET_PATH = "/static/stsbridge.css";

    private StaticAssets() {
    }

    public static Endpoint stylesheet() {
        byte[] css = resource(Templates.ROOT + "stsbridge.css");
        return exchange -> {
            exchange.setHeader("Cache-Control", "public, max-age=3600");
            exchange.send(200, "text/css; charset=utf-8", css);
        };
    }

    private static byte[] resource(String name) {
        try (InputStream in = StaticAssets.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the bundled resource " + name + " is missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
