package dev.stsbridge.verifier.webidentity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;

import dev.stsbridge.verifier.testing.MutableClock;
import dev.stsbridge.verifier.testing.TestIdp;

/** The key cache: cached for minutes, refetched for an unknown key ID, but not more than every few seconds. */
class OidcKeysTest {

    private TestIdp idp;
    private MutableClock clock;
    private KeySource keys;

    @BeforeEach
    void start() {
        idp = TestIdp.start();
        clock = new MutableClock(Instant.now());
        keys = new OidcKeys(clock).of(idp.issuer(), List.of(idp.thumbprint()));
    }

    @AfterEach
    void stop() {
        idp.close();
    }

    @Test
    void keysAreFetchedOnceAndServedFromTheCache() {
        keys.keys(false);
        keys.keys(false);
        assertThat(idp.jwksFetches()).isEqualTo(1);
    }

    @Test
    void aRefreshRightAfterAFetchIsServedFromTheCache() {
        keys.keys(false);
        keys.keys(true);
        assertThat(idp.jwksFetches()).isEqualTo(1);
    }

    @Test
    void aRotatedKeyIsFoundByARefreshOnceTheMinimumIntervalPassed() throws Exception {
        keys.keys(false);
        RSAKey rotated = new RSAKeyGenerator(2048).keyID("k2").generate();
        idp.jwks(List.<JWK>of(rotated.toPublicJWK()));
        clock.advance(Duration.ofSeconds(OidcKeys.MIN_REFETCH_SECONDS + 1));

        assertThat(keys.keys(false).getKeyByKeyId("k2")).isNull();
        assertThat(keys.keys(true).getKeyByKeyId("k2")).isNotNull();
        assertThat(idp.jwksFetches()).isEqualTo(2);
    }

    @Test
    void theCacheExpires() {
        keys.keys(false);
        clock.advance(Duration.ofMinutes(OidcKeys.CACHE_MINUTES).plusSeconds(1));
        keys.keys(false);
        assertThat(idp.jwksFetches()).isEqualTo(2);
    }

    @Test
    void onlyPublicKeysAreKept() throws Exception {
        idp.jwks(List.<JWK>of(idp.signingKey()));
        assertThat(keys.keys(false).getKeys()).allMatch(k -> !k.isPrivate());
    }
}
