package dev.stsbridge.idp.assertion;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import dev.stsbridge.idp.claims.AwsClaims;
import dev.stsbridge.idp.claims.AwsRolePair;
import dev.stsbridge.idp.claims.NameId;
import dev.stsbridge.idp.claims.SessionTag;
import dev.stsbridge.keys.KeyAlgorithm;
import dev.stsbridge.keys.SigningKey;
import dev.stsbridge.keys.SigningKeyGenerator;

/** Test fixtures: fixed clock, demo claims for alice, requests, keys generated at run time. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final String IDP = "https://idp.example.com/saml2/metadata";

    static final AwsRolePair PROD_ADMIN = new AwsRolePair("arn:aws:iam::111122223333:role/Admin",
            "arn:aws:iam::111122223333:saml-provider/stsbridge", "prod");
    static final AwsRolePair DEV_DEVELOPER = new AwsRolePair("arn:aws:iam::444455556666:role/Developer",
            "arn:aws:iam::444455556666:saml-provider/stsbridge", "dev");

    private Fixtures() {
    }

    static AwsClaims alice() {
        return new AwsClaims("alice", List.of(PROD_ADMIN, DEV_DEVELOPER), "alice@example.com", Optional.of(7200),
                Optional.of("alice"), List.of(new SessionTag("department", "engineering"),
                        new SessionTag("team", "platform")), List.of("department", "team"));
    }

    static NameId aliceNameId() {
        return new NameId("f3a9c0de-alice-opaque", NameId.PERSISTENT);
    }

    static AssertionRequest.Builder request() {
        return AssertionRequest.builder(IDP, AwsSignInUrl.GLOBAL)
                .authnInstant(NOW.minusSeconds(30))
                .authnContextClassRef(AssertionRequest.PASSWORD_PROTECTED_TRANSPORT)
                .sessionIndex("_session-1")
                .sessionNotOnOrAfter(NOW.plus(Duration.ofHours(8)));
    }

    static AwsResponse aliceResponse() {
        return new AssertionFactory(CLOCK).build(alice(), aliceNameId(), request().build());
    }

    static SigningKey key(KeyAlgorithm algorithm) {
        return new SigningKeyGenerator(CLOCK).generate(algorithm, IDP, Duration.ofDays(365));
    }
}
