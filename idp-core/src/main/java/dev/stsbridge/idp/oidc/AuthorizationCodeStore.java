package dev.stsbridge.idp.oidc;

import java.util.Objects;

/**
 * Where authorization codes wait for the token request. Codes are looked up by their SHA-256 ({@code key}), never
 * by the code itself, so a store that persists them (e.g. a shared database for several IdP nodes) holds nothing a
 * thief could redeem. {@link InMemoryAuthorizationCodeStore} is the single-node default; another implementation
 * only has to make {@link #redeem} atomic.
 */
public interface AuthorizationCodeStore {

    /** Keeps a new code's grant until it expires. */
    void save(String key, AuthorizationGrant grant);

    /**
     * Redeems a code, atomically: the first call answers {@link Redemption.First}; every later call for the same key
     * answers {@link Redemption.Replayed} (as long as the store still remembers the code), so that the caller can
     * refuse it and revoke what the first redemption issued; an unknown key answers {@link Redemption.Unknown}.
     */
    Redemption redeem(String key);

    /** The answer of {@link #redeem}. */
    sealed interface Redemption {

        record First(AuthorizationGrant grant) implements Redemption {
            public First {
                Objects.requireNonNull(grant, "grant");
            }
        }

        record Replayed(AuthorizationGrant grant) implements Redemption {
            public Replayed {
                Objects.requireNonNull(grant, "grant");
            }
        }

        record Unknown() implements Redemption {
        }
    }
}
