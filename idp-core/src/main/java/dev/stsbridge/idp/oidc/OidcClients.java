package dev.stsbridge.idp.oidc;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.stsbridge.idp.config.OidcClientConfig;
import dev.stsbridge.idp.config.OidcConfig;

/** The registered clients ({@code oidc.clients}), by {@code client_id}. */
public final class OidcClients {

    private final Map<String, OidcClient> clients = new LinkedHashMap<>();

    public OidcClients(List<OidcClient> registered) {
        for (OidcClient client : registered) {
            if (clients.putIfAbsent(client.clientId(), client) != null) {
                throw new IllegalArgumentException("client " + client.clientId() + " is registered twice");
            }
        }
    }

    /**
     * The clients of the configuration, their secrets read now.
     *
     * @throws IllegalStateException naming {@code oidc.clients[i].secret} when a secret cannot be read
     */
    public static OidcClients from(OidcConfig config, Map<String, String> environment) {
        List<OidcClient> resolved = new java.util.ArrayList<>();
        for (int i = 0; i < config.clients().size(); i++) {
            OidcClientConfig c = config.clients().get(i);
            if (c.secret().isEmpty()) {
                resolved.add(OidcClient.publicClient(c.clientId(), c.redirectUris(), c.requireMfa()));
                continue;
            }
            char[] secret = c.secret().get().resolve("oidc.clients[" + i + "].secret", environment);
            try {
                resolved.add(OidcClient.confidential(c.clientId(), c.redirectUris(), secret, c.requireMfa()));
            } finally {
                Arrays.fill(secret, '\0');
            }
        }
        return new OidcClients(resolved);
    }

    public Optional<OidcClient> find(String clientId) {
        return Optional.ofNullable(clients.get(clientId));
    }

    /** Whether any client is registered. */
    public boolean isEmpty() {
        return clients.isEmpty();
    }
}
