package dev.stsbridge.metadata;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;

/** Keys generated once per test run (RSA-2048, as the working rules ask; one EC key for the ECDSA path). */
final class TestKeys {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String ENTITY_ID = "http://127.0.0.1:8080/saml2/metadata";

    private TestKeys() {
    }

    /** One holder per key: each is generated on first use only (RSA key generation is slow on a busy machine). */
    private static final class Current {
        static final SigningKey KEY = generate(KeyAlgorithm.RSA_2048, 0);
    }

    private static final class Next {
        static final SigningKey KEY = generate(KeyAlgorithm.RSA_2048, 1);
    }

    private static final class Stranger {
        static final SigningKey KEY = generate(KeyAlgorithm.RSA_2048, 2);
    }

    private static final class EcHolder {
        static final SigningKey EC = generate(KeyAlgorithm.EC_P256, 3);
    }

    /** The IdP's current key. */
    static SigningKey current() {
        return Current.KEY;
    }

    /** The IdP's next key (after a rotation). */
    static SigningKey next() {
        return Next.KEY;
    }

    /** A key nobody trusts. */
    static SigningKey stranger() {
        return Stranger.KEY;
    }

    static SigningKey ec() {
        return EcHolder.EC;
    }

    private static SigningKey generate(KeyAlgorithm algorithm, int minutesLater) {
        Clock clock = Clock.fixed(NOW.minus(Duration.ofDays(1)).plusSeconds(60L * minutesLater), ZoneOffset.UTC);
        return new SigningKeyGenerator(clock).generate(algorithm, ENTITY_ID, Duration.ofDays(3650));
    }
}
