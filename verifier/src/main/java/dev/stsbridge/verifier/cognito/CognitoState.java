package dev.stsbridge.verifier.cognito;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The persisted Cognito state ({@code <data-dir>/verifier/cognito.json}, format {@value #VERSION}): identity pools
 * with their roles, and the identities GetId created. No secrets (the signing key is its own file).
 */
public record CognitoState(int version, List<Pool> pools, List<Identity> identities) {
    public static final int VERSION = 1;

    public CognitoState {
        pools = List.copyOf(Optional.ofNullable(pools).orElse(List.of()));
        identities = List.copyOf(Optional.ofNullable(identities).orElse(List.of()));
    }

    /** An identity pool; roles by "authenticated" / "unauthenticated". */
    public record Pool(String id, String accountId, String name, boolean allowUnauthenticated, boolean allowClassicFlow,
                       List<String> openIdConnectProviderArns, Map<String, String> roles, Map<String, String> tags) {
        public Pool {
            openIdConnectProviderArns = List.copyOf(Optional.ofNullable(openIdConnectProviderArns).orElse(List.of()));
            roles = Map.copyOf(Optional.ofNullable(roles).orElse(Map.of()));
            tags = Map.copyOf(Optional.ofNullable(tags).orElse(Map.of()));
        }

        Pool withRoles(Map<String, String> value) {
            return new Pool(id, accountId, name, allowUnauthenticated, allowClassicFlow, openIdConnectProviderArns,
                    value, tags);
        }
    }

    /**
     * An identity: its pool and what it stands for ({@code <provider>|<sub>} of its first login, or empty for an
     * unauthenticated identity).
     */
    public record Identity(String id, String poolId, String login) {
    }
}
