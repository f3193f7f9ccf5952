package dev.stsbridge.verifier.iam;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamStore.Change;

/**
 * IAM's OpenID Connect provider operations, scoped to the caller's account: Create / Get / List / Delete,
 * Add/RemoveClientID, UpdateThumbprint, Tag / Untag. Refusals as IAM's: {@code InvalidInput} "Invalid Open ID Connect
 * Provider URL" (not {@code https://}, a query, fragment or user info), {@code EntityAlreadyExists} "Provider with url
 * X already exists." (409), {@code NoSuchEntity} "OpenIDConnect Provider not found for arn X" (404),
 * {@code LimitExceeded} for IAM's quotas (100 providers per account, 100 client IDs, 5 thumbprints, 50 tags).
 * ThumbprintList is optional, as on AWS: without it the injected probe supplies the server's top certificate's
 * thumbprint, as IAM retrieves it (loopback hosts only; otherwise the list stays empty and trusts no server).
 */
public final class OidcProviders {

    public static final int MAX_PROVIDERS_PER_ACCOUNT = 100;
    public static final int MAX_CLIENT_IDS = 100;
    public static final int MAX_THUMBPRINTS = 5;
    public static final int MAX_TAGS = 50;
    static final String INVALID_URL = "Invalid Open ID Connect Provider URL";
    private static final Pattern THUMBPRINT = Pattern.compile("[0-9a-fA-F]{40}");

    private final IamStore store;
    private final Clock clock;
    private final Function<String, Optional<String>> thumbprintProbe;

    /**
     * @param thumbprintProbe the thumbprint of an issuer URL's TLS server, for a provider created without
     *                        ThumbprintList (empty when it is not to be contacted)
     */
    public OidcProviders(IamStore store, Clock clock, Function<String, Optional<String>> thumbprintProbe) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.thumbprintProbe = Objects.requireNonNull(thumbprintProbe, "thumbprintProbe");
    }

    /** CreateOpenIDConnectProvider's parameters. */
    public record NewProvider(String url, List<String> clientIds, List<String> thumbprints, List<Tag> tags) {
        public NewProvider {
            Objects.requireNonNull(url, "url");
            clientIds = List.copyOf(clientIds);
            thumbprints = List.copyOf(thumbprints);
            tags = List.copyOf(tags);
        }
    }

    public OidcProvider create(IamCaller caller, NewProvider request) {
        String url = urlWithoutScheme(request.url());
        List<String> clientIds = clientIds(request.clientIds());
        List<String> thumbprints = request.thumbprints().isEmpty()
                ? thumbprintProbe.apply(request.url()).stream().toList() : thumbprints(request.thumbprints());
        List<Tag> tags = tags(request.tags());
        String arn = Arns.oidcProvider(caller.accountId(), url);
        return store.change(snapshot -> {
            List<OidcProvider> existing = snapshot.oidcProviders(caller.accountId());
            if (existing.stream().anyMatch(p -> p.arn().equals(arn))) {
                throw AwsError.sender("EntityAlreadyExists", "Provider with url " + request.url()
                        + " already exists.", 409).exception();
            }
            if (existing.size() >= MAX_PROVIDERS_PER_ACCOUNT) {
                throw limit("OpenIdConnectProvidersPerAccount", MAX_PROVIDERS_PER_ACCOUNT);
            }
            OidcProvider provider = new OidcProvider(arn, caller.accountId(), url, clientIds, thumbprints,
                    clock.instant().truncatedTo(ChronoUnit.SECONDS), tags);
            return new Change<>(snapshot.withOidcProvider(provider), provider);
        });
    }

    public OidcProvider get(IamCaller caller, String arn) {
        return require(caller, store.snapshot(), arn);
    }

    public List<OidcProvider> list(IamCaller caller) {
        return store.snapshot().oidcProviders(caller.accountId());
    }

    public void delete(IamCaller caller, String arn) {
        store.change(snapshot -> {
            require(caller, snapshot, arn);
            return new Change<>(snapshot.withoutOidcProvider(arn), arn);
        });
    }

    /** Adds a client ID; one already registered is left as it is (IAM's answer is success). */
    public void addClientId(IamCaller caller, String arn, String clientId) {
        update(caller, arn, p -> {
            List<String> ids = new ArrayList<>(p.clientIds());
            if (!ids.contains(clientId)) {
                ids.add(clientId);
            }
            return p.withClientIds(clientIds(ids));
        });
    }

    /** Removes a client ID; one not registered is no error (IAM: "the operation does nothing"). */
    public void removeClientId(IamCaller caller, String arn, String clientId) {
        update(caller, arn, p -> p.withClientIds(p.clientIds().stream().filter(id -> !id.equals(clientId)).toList()));
    }

    public void updateThumbprints(IamCaller caller, String arn, List<String> thumbprints) {
        List<String> checked = thumbprints(thumbprints);
        update(caller, arn, p -> p.withThumbprints(checked));
    }

    /** Adds tags; a key the provider has (ignoring case) gets the new value in place. */
    public void tag(IamCaller caller, String arn, List<Tag> added) {
        List<Tag> checked = Tag.requireUniqueKeys(added);
        update(caller, arn, p -> {
            List<Tag> tags = new ArrayList<>(p.tags());
            for (Tag tag : checked) {
                int at = indexOf(tags, tag.key());
                if (at >= 0) {
                    tags.set(at, tag);
                } else {
                    tags.add(tag);
                }
            }
            return p.withTags(tags(tags));
        });
    }

    /** Removes tags by key (ignoring case); absent keys are no error. */
    public void untag(IamCaller caller, String arn, List<String> keys) {
        update(caller, arn, p -> p.withTags(p.tags().stream()
                .filter(t -> keys.stream().noneMatch(k -> k.equalsIgnoreCase(t.key()))).toList()));
    }

    private void update(IamCaller caller, String arn, java.util.function.UnaryOperator<OidcProvider> change) {
        store.change(snapshot -> {
            OidcProvider next = change.apply(require(caller, snapshot, arn));
            return new Change<>(snapshot.withOidcProvider(next), next);
        });
    }

    private static int indexOf(List<Tag> tags, String key) {
        for (int i = 0; i < tags.size(); i++) {
            if (tags.get(i).key().equalsIgnoreCase(key)) {
                return i;
            }
        }
        return -1;
    }

    private static OidcProvider require(IamCaller caller, IamSnapshot snapshot, String arn) {
        Arns.OidcProviderName name = Arns.parseOidcProvider(arn)
                .orElseThrow(() -> invalidInput("ARN " + arn + " is not valid."));
        if (!name.accountId().equals(caller.accountId())) {
            throw caller.crossAccount(arn);
        }
        return snapshot.oidcProvider(arn).orElseThrow(() ->
                AwsError.sender("NoSuchEntity", "OpenIDConnect Provider not found for arn " + arn, 404).exception());
    }

    /**
     * The URL without {@code https://}: an absolute {@code https} URL with a host, no user info, query or fragment.
     * A port and a path are kept as given; a trailing slash is part of the identity (tokens must match exactly).
     */
    static String urlWithoutScheme(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw invalidInput(INVALID_URL);
        }
        boolean https = "https".equals(uri.getScheme()) && url.startsWith("https://");
        if (!https || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || url.contains("?") || url.contains("#")) {
            throw invalidInput(INVALID_URL);
        }
        return url.substring("https://".length());
    }

    private static List<String> clientIds(List<String> ids) {
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        if (unique.size() > MAX_CLIENT_IDS) {
            throw limit("ClientIdsPerOpenIdConnectProvider", MAX_CLIENT_IDS);
        }
        return unique;
    }

    private static List<String> thumbprints(List<String> thumbprints) {
        if (thumbprints.size() > MAX_THUMBPRINTS) {
            throw limit("ThumbprintsPerOpenIdConnectProvider", MAX_THUMBPRINTS);
        }
        for (String thumbprint : thumbprints) {
            if (!THUMBPRINT.matcher(thumbprint).matches()) {
                throw invalidInput("Thumbprint " + thumbprint + " is not a 40-character hexadecimal SHA-1 fingerprint.");
            }
        }
        return thumbprints.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static List<Tag> tags(List<Tag> tags) {
        List<Tag> checked = Tag.requireUniqueKeys(tags);
        if (checked.size() > MAX_TAGS) {
            throw limit("TagsPerOpenIdConnectProvider", MAX_TAGS);
        }
        return checked;
    }

    private static AwsException limit(String quota, int value) {
        return AwsError.sender("LimitExceeded", "Cannot exceed quota for " + quota + ": " + value + ".", 409)
                .exception();
    }

    private static AwsException invalidInput(String message) {
        return AwsError.sender("InvalidInput", message, 400).exception();
    }
}
