package dev.stsbridge.idp.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The whole configuration ({@code stsbridge.yaml}): {@code entity-id} (the IdP's SAML entity ID),
 * {@code base-url} (where users reach the IdP), {@code data-dir} (keys and state; default {@code data}),
 * {@code directory}, {@code aws}, {@code name-id}, {@code assertion}, {@code server} (the web server),
 * {@code service-providers} (SAML SPs besides AWS that may send AuthnRequests), {@code mfa} (second factors) and
 * {@code state} (where sessions, throttles and enrollments live; shared by several nodes) and {@code oidc} (the
 * OpenID Connect provider and its clients). Keys are lower-case-dashed; unknown
 * keys are errors; relative paths are resolved against the configuration file's directory.
 */
public record StsbridgeConfig(String entityId, URI baseUrl, Path dataDir, DirectoryConfig directory, AwsConfig aws,
                              NameIdFormat nameId, AssertionConfig assertion, ServerConfig server,
                              List<ServiceProviderConfig> serviceProviders, MfaConfig mfa,
                              StateConfig state, OidcConfig oidc) {

    /** The bundled demo configuration, matching the demo LDIF (DESIGN.md's alice, bob and carol). */
    public static final String DEMO_RESOURCE = "dev/stsbridge/idp/demo/demo.yaml";

    public StsbridgeConfig {
        entityId = checkEntityId(ConfigChecks.requiredText(entityId, "entity-id"));
        baseUrl = ConfigChecks.webUrl(baseUrl, "base-url");
        dataDir = ConfigChecks.orDefault(dataDir, Path.of("data"));
        ConfigChecks.required(directory, "directory");
        ConfigChecks.required(aws, "aws");
        nameId = ConfigChecks.orDefault(nameId, NameIdFormat.PERSISTENT);
        assertion = ConfigChecks.orDefault(assertion, AssertionConfig.defaults());
        server = ConfigChecks.orDefault(server, ServerConfig.defaults());
        serviceProviders = ConfigChecks.listOrEmpty(serviceProviders, "service-providers");
        mfa = ConfigChecks.orDefault(mfa, MfaConfig.defaults());
        state = ConfigChecks.orDefault(state, StateConfig.defaults());
        oidc = ConfigChecks.orDefault(oidc, OidcConfig.defaults());
    }

    /** The configuration without {@code state} and {@code oidc} (one node, nothing shared; no OpenID Connect). */
    public StsbridgeConfig(String entityId, URI baseUrl, Path dataDir, DirectoryConfig directory, AwsConfig aws,
                           NameIdFormat nameId, AssertionConfig assertion, ServerConfig server,
                           List<ServiceProviderConfig> serviceProviders, MfaConfig mfa) {
        this(entityId, baseUrl, dataDir, directory, aws, nameId, assertion, server, serviceProviders, mfa, null, null);
    }

    /** The configuration without {@code mfa} (its default: not required, both factors enabled). */
    public StsbridgeConfig(String entityId, URI baseUrl, Path dataDir, DirectoryConfig directory, AwsConfig aws,
                           NameIdFormat nameId, AssertionConfig assertion, ServerConfig server,
                           List<ServiceProviderConfig> serviceProviders) {
        this(entityId, baseUrl, dataDir, directory, aws, nameId, assertion, server, serviceProviders, null, null, null);
    }

    /** The configuration without {@code server} and {@code service-providers} (their defaults). */
    public StsbridgeConfig(String entityId, URI baseUrl, Path dataDir, DirectoryConfig directory, AwsConfig aws,
                           NameIdFormat nameId, AssertionConfig assertion) {
        this(entityId, baseUrl, dataDir, directory, aws, nameId, assertion, null, null, null, null, null);
    }

    /**
     * Reads and validates a configuration file.
     *
     * @throws ConfigException naming the file, the line and the key of the first problem
     */
    public static StsbridgeConfig load(Path file) {
        return ConfigLoader.load(file);
    }

    /** The bundled demo configuration (embedded directory with the demo LDIF, accounts prod and dev). */
    public static StsbridgeConfig demo() {
        return ConfigLoader.loadResource(DEMO_RESOURCE);
    }

    /**
     * Validates configuration text.
     *
     * @param source the name used in error messages
     * @param baseDirectory what relative paths are resolved against
     */
    public static StsbridgeConfig parse(String yaml, String source, Path baseDirectory) {
        return ConfigLoader.parse(yaml, source, baseDirectory);
    }

    /** The same configuration with another data directory (the {@code --data-dir} option). */
    public StsbridgeConfig withDataDir(Path newDataDir) {
        return new StsbridgeConfig(entityId, baseUrl, newDataDir, directory, aws, nameId, assertion, server,
                serviceProviders, mfa, state, oidc);
    }

    /**
     * The same configuration served at another base URL (e.g. the demo on another port). An entity ID that was
     * the default one of the old base URL ({@code <base-url>/saml2/metadata}) moves with it; any other stays.
     */
    public StsbridgeConfig withBaseUrl(URI newBaseUrl) {
        String defaultEntityId = baseUrl.toString().replaceAll("/+$", "") + "/saml2/metadata";
        String newEntityId = entityId.equals(defaultEntityId)
                ? newBaseUrl.toString().replaceAll("/+$", "") + "/saml2/metadata" : entityId;
        return new StsbridgeConfig(newEntityId, newBaseUrl, dataDir, directory, aws, nameId, assertion, server,
                serviceProviders, mfa, state, oidc);
    }

    /** The same configuration with the browser form posting to {@code postUrl} (e.g. the local AWS model). */
    public StsbridgeConfig withSigninPostUrl(URI postUrl) {
        return new StsbridgeConfig(entityId, baseUrl, dataDir, directory, aws.withSigninPostUrl(postUrl), nameId,
                assertion, server, serviceProviders, mfa, state, oidc);
    }

    /** The same configuration with other web server settings (the {@code serve} command's flags). */
    public StsbridgeConfig withServer(ServerConfig newServer) {
        return new StsbridgeConfig(entityId, baseUrl, dataDir, directory, aws, nameId, assertion, newServer,
                serviceProviders, mfa, state, oidc);
    }

    /** The same configuration with other MFA settings. */
    public StsbridgeConfig withMfa(MfaConfig newMfa) {
        return new StsbridgeConfig(entityId, baseUrl, dataDir, directory, aws, nameId, assertion, server,
                serviceProviders, newMfa, state, oidc);
    }

    /** The same configuration with other state settings (e.g. a shared database). */
    public StsbridgeConfig withState(StateConfig newState) {
        return new StsbridgeConfig(entityId, baseUrl, dataDir, directory, aws, nameId, assertion, server,
                serviceProviders, mfa, newState, oidc);
    }

    /** The same configuration with other OpenID Connect settings (e.g. the demo's HTTPS issuer). */
    public StsbridgeConfig withOidc(OidcConfig newOidc) {
        return new StsbridgeConfig(entityId, baseUrl, dataDir, directory, aws, nameId, assertion, server,
                serviceProviders, mfa, state, newOidc);
    }

    /**
     * The OpenID Connect issuer: {@code oidc.issuer}, else {@code base-url} when it is https; empty (OpenID Connect
     * off) when neither is an https URL.
     */
    public Optional<URI> oidcIssuer() {
        if (oidc.issuer().isPresent()) {
            return oidc.issuer();
        }
        return "https".equalsIgnoreCase(baseUrl.getScheme())
                ? Optional.of(OidcConfig.checkIssuer(baseUrl)) : Optional.empty();
    }

    /** Every directory attribute to read: {@code directory.attributes} plus those the AWS and NameID settings use. */
    public Set<String> directoryAttributes() {
        Set<String> names = new LinkedHashSet<>(directory.attributes());
        names.addAll(aws.attributeNames());
        if (nameId == NameIdFormat.EMAIL) {
            names.add("mail");
        }
        return names;
    }

    private static String checkEntityId(String entityId) {
        if (entityId.length() > 1024) {
            throw new InvalidConfigValueException("entity-id", "must be at most 1024 characters (SAML), was "
                    + entityId.length());
        }
        try {
            if (!new URI(entityId).isAbsolute()) {
                throw new URISyntaxException(entityId, "not absolute");
            }
        } catch (URISyntaxException e) {
            throw new InvalidConfigValueException("entity-id", "must be an absolute URI, was "
                    + ConfigChecks.quote(entityId));
        }
        return entityId;
    }
}
