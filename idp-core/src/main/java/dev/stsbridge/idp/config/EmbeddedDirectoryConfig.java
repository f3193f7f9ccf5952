package dev.stsbridge.idp.config;

/**
 * The embedded directory: UnboundID's in-memory LDAP server on 127.0.0.1, loaded from {@code ldif} (a file,
 * or {@code classpath:dev/stsbridge/idp/demo/demo.ldif} for the demo users).
 */
public record EmbeddedDirectoryConfig(ResourceRef ldif) {

    public static final String DEMO_LDIF = "dev/stsbridge/idp/demo/demo.ldif";

    public EmbeddedDirectoryConfig {
        ConfigChecks.required(ldif, "ldif");
    }

    public static EmbeddedDirectoryConfig demo() {
        return new EmbeddedDirectoryConfig(ResourceRef.ofClasspath(DEMO_LDIF));
    }
}
