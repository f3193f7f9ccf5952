package dev.stsbridge.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRingServiceTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    /** EC keys: generated in milliseconds; the algorithm plays no part in the ring's life cycle. */
    private static final KeySpec SPEC = new KeySpec(KeyAlgorithm.EC_P256, "urn:example:idp", java.time.Duration.ofDays(30));

    @TempDir
    Path data;

    private KeyRingService service() {
        return new KeyRingService(new KeyRingStore(data, Map.of()), new SigningKeyGenerator(Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void generateWritesARingWithOnlyACurrentKeyThatListReadsBack() {
        KeyRing generated = service().generate(SPEC, false);

        KeyRing listed = service().list();
        assertThat(listed.current().certificate()).isEqualTo(generated.current().certificate());
        assertThat(listed.current().algorithm()).isEqualTo(KeyAlgorithm.EC_P256);
        assertThat(listed.next()).isEmpty();
        assertThat(listed.retired()).isEmpty();
    }

    @Test
    void generateWhenARingExistsThenRefusedAndTheOldKeyIsKept() {
        KeyRing first = service().generate(SPEC, false);

        assertThatThrownBy(() -> service().generate(SPEC, false))
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.CONFLICT))
                .hasMessage("a key store already exists at " + data.resolve("keys/idp-signing.p12")
                        + ": use `keys rotate` to add a key, or --force to replace it (its keys are lost)");
        assertThat(service().list().current().certificate()).isEqualTo(first.current().certificate());
    }

    @Test
    void generateWithForceReplacesTheRing() {
        KeyRing first = service().generate(SPEC, false);
        KeyRing second = service().generate(SPEC, true);
        assertThat(second.current().certificate()).isNotEqualTo(first.current().certificate());
        assertThat(service().list().current().certificate()).isEqualTo(second.current().certificate());
    }

    @Test
    void rotateAddsANextKeyPublishedAfterTheCurrentOneWithItsOwnId() {
        KeyRing generated = service().generate(SPEC, false);

        KeyRing rotated = service().rotate(SPEC);

        assertThat(rotated.current().certificate()).isEqualTo(generated.current().certificate());
        assertThat(service().list().published()).extracting(SigningKey::certificate)
                .containsExactly(generated.current().certificate(), rotated.next().orElseThrow().certificate());
        // same clock second as the current key: the ring keeps ids unique
        assertThat(rotated.next().orElseThrow().id()).isEqualTo("signing-20261125T120000Z-2");
        assertThat(service().list().next().orElseThrow().id()).isEqualTo("signing-20261125T120000Z-2");
    }

    @Test
    void rotateWhenANextKeyExistsThenRefused() {
        service().generate(SPEC, false);
        service().rotate(SPEC);

        assertThatThrownBy(() -> service().rotate(SPEC))
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.CONFLICT))
                .hasMessage("there already is a next key (signing-20261125T120000Z-2): run `stsbridge keys promote` first");
    }

    @Test
    void rotateWithoutAStoreThenMissing() {
        assertThatThrownBy(() -> service().rotate(SPEC))
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.MISSING));
    }

    @Test
    void promoteMakesNextCurrentAndRetiresTheOldCurrent() {
        KeyRing generated = service().generate(SPEC, false);
        KeyRing rotated = service().rotate(SPEC);

        service().promote();

        KeyRing promoted = service().list();
        assertThat(promoted.current().certificate()).isEqualTo(rotated.next().orElseThrow().certificate());
        assertThat(promoted.next()).isEmpty();
        assertThat(promoted.retired()).extracting(SigningKey::certificate).containsExactly(generated.current().certificate());
        assertThat(promoted.published()).hasSize(1);
    }

    @Test
    void promoteWithoutANextKeyThenRefused() {
        service().generate(SPEC, false);
        assertThatThrownBy(() -> service().promote())
                .isInstanceOfSatisfying(KeyRingException.class, e -> assertThat(e.reason()).isEqualTo(KeyRingException.Reason.NOTHING_TO_DO))
                .hasMessage("there is no next key to promote: run `stsbridge keys rotate` first");
    }

    @Test
    void twoFullRotationsKeepEveryRetiredKey() {
        service().generate(SPEC, false);
        service().rotate(SPEC);
        service().promote();
        service().rotate(SPEC);
        service().promote();
        assertThat(service().list().retired()).extracting(SigningKey::id)
                .containsExactly("signing-20261125T120000Z", "signing-20261125T120000Z-2");
        assertThat(service().list().current().id()).isEqualTo("signing-20261125T120000Z-3");
    }

    @Test
    void loadOrGenerateGeneratesOnFirstStartAndLoadsAfterwards() {
        KeyRingService.Opened first = service().loadOrGenerate(SPEC);
        KeyRingService.Opened second = service().loadOrGenerate(SPEC);

        assertThat(first.generated()).isTrue();
        assertThat(second.generated()).isFalse();
        assertThat(second.ring().current().certificate()).isEqualTo(first.ring().current().certificate());
    }

    @Test
    void keySpecDefaultsAreRsa3072ForTenYears() {
        KeySpec defaults = KeySpec.defaults("urn:x");
        assertThat(defaults.algorithm()).isEqualTo(KeyAlgorithm.RSA_3072);
        assertThat(defaults.validity()).isEqualTo(java.time.Duration.ofDays(3652));
    }
}
