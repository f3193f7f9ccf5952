package dev.stsbridge.idp.claims;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.stsbridge.idp.directory.DirectoryUser;

class NameIdGeneratorTest {

    private static final byte[] SECRET = new byte[32];
    static {
        for (int i = 0; i < SECRET.length; i++) {
            SECRET[i] = (byte) i;
        }
    }

    private static final DirectoryUser ALICE = new DirectoryUser("alice", "uid=alice,ou=people,dc=example,dc=com",
            "7a0a4a52-3f0e-4c55-8f6e-1c2b9d3e4a11", Map.of("mail", List.of("alice@example.com")), java.util.Set.of());

    @Test
    void persistentIsHmacSha256OfImmutableIdAndSpAsComputedByPython() {
        // Expected values from Python's hmac module:
        // base64.urlsafe_b64encode(hmac.new(bytes(range(32)), b"<id>!<sp>", hashlib.sha256).digest()).rstrip(b"=")
        NameIdGenerator generator = NameIdGenerator.persistent(SECRET);

        assertThat(generator.nameIdFor(ALICE, "urn:amazon:webservices")).isEqualTo(new NameId(
                "zMeMzoHlkIFyvxTuH9DKTEb76u9YUBq8IOe4JSqovNs", NameId.PERSISTENT));
        assertThat(generator.nameIdFor(ALICE, "https://sp.example.org").value())
                .isEqualTo("afE0YDrksjglhzRYHBknVmW_XjvxjYYhXUzxaQOCYN0");
    }

    @Test
    void persistentIsStableForAPersonAndDoesNotDependOnUsername() {
        DirectoryUser renamed = new DirectoryUser("alice.liddell", "uid=alice.liddell,ou=people,dc=example,dc=com",
                ALICE.immutableId(), Map.of(), java.util.Set.of());
        NameIdGenerator generator = NameIdGenerator.persistent(SECRET);

        assertThat(generator.nameIdFor(renamed, "urn:amazon:webservices"))
                .isEqualTo(generator.nameIdFor(ALICE, "urn:amazon:webservices"));
        assertThat(generator.nameIdFor(ALICE, "urn:amazon:webservices").value()).doesNotContain("alice");
    }

    @Test
    void persistentDiffersWithAnotherSecret() {
        byte[] other = SECRET.clone();
        other[0] = 1;

        assertThat(NameIdGenerator.persistent(other).nameIdFor(ALICE, "urn:amazon:webservices").value())
                .isNotEqualTo("zMeMzoHlkIFyvxTuH9DKTEb76u9YUBq8IOe4JSqovNs");
    }

    @Test
    void persistentWhenSecretShorterThan32BytesThenRefused() {
        assertThatThrownBy(() -> NameIdGenerator.persistent(new byte[16]))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("the persistent NameID secret must be at least 32 bytes, was 16");
    }

    @Test
    void transientIsNewEveryTimeWithAtLeast128Bits() {
        NameIdGenerator generator = NameIdGenerator.transientIds(new SecureRandom());

        NameId first = generator.nameIdFor(ALICE, "urn:amazon:webservices");
        NameId second = generator.nameIdFor(ALICE, "urn:amazon:webservices");

        assertThat(first.format()).isEqualTo(NameId.TRANSIENT);
        assertThat(first.value()).isNotEqualTo(second.value()).matches("[A-Za-z0-9_-]{27}");
    }

    @Test
    void emailIsTheMailAttribute() {
        assertThat(NameIdGenerator.email().nameIdFor(ALICE, "urn:amazon:webservices"))
                .isEqualTo(new NameId("alice@example.com", NameId.EMAIL));
    }

    @Test
    void emailWhenMailMissingOrNotAnAddressThenMissingClaim() {
        DirectoryUser carol = new DirectoryUser("carol", "uid=carol", "c", Map.of(), java.util.Set.of());
        DirectoryUser dave = new DirectoryUser("dave", "uid=dave", "d", Map.of("mail", List.of("dave")),
                java.util.Set.of());

        assertThatThrownBy(() -> NameIdGenerator.email().nameIdFor(carol, "urn:amazon:webservices"))
                .isExactlyInstanceOf(MissingClaimException.class)
                .hasMessage("carol: NameID format email needs a mail attribute, and carol has none");
        assertThatThrownBy(() -> NameIdGenerator.email().nameIdFor(dave, "urn:amazon:webservices"))
                .isExactlyInstanceOf(MissingClaimException.class)
                .hasMessage("dave: NameID format email needs a mail attribute, was \"dave\"");
    }
}
