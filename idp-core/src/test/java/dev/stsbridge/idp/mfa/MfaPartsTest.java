package dev.stsbridge.idp.mfa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.stsbridge.idp.assertion.AssertionRequest;
import dev.stsbridge.idp.config.ConfigException;
import dev.stsbridge.idp.config.StsbridgeConfig;

/** TOTP, recovery codes, the encrypted store, RequestedAuthnContext decisions and the mfa configuration. */
class MfaPartsTest {

    private static final String MFA = AssertionRequest.REFEDS_MFA;
    private static final String PPT = AssertionRequest.PASSWORD_PROTECTED_TRANSPORT;
    private static final String PASSWORD = AssertionRequest.PASSWORD;

    @TempDir
    Path dataDir;

    @Test
    void totpMatchesRfc6238sSha1TestVectorAndAcceptsOneStepEitherSideOnlyAfterTheLastUsed() {
        byte[] secret = "12345678901234567890".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Totp totp = new Totp();
        Instant t = Instant.ofEpochSecond(59);
        assertThat(totp.code(secret, t)).isEqualTo("287082"); // RFC 6238 appendix B: 94287082, 6 digits
        Instant now = Instant.ofEpochSecond(1111111109);
        String code = totp.code(secret, now);
        assertThat(totp.verify(secret, code, now, 0)).hasValue(Totp.step(now));
        assertThat(totp.verify(secret, code, now, Totp.step(now))).as("replay of the same step").isEmpty();
        assertThat(totp.verify(secret, code, now.plusSeconds(30), 0)).as("one step late").isPresent();
        assertThat(totp.verify(secret, code, now.plusSeconds(90), 0)).as("three steps late").isEmpty();
        assertThat(totp.verify(secret, "12345", now, 0)).isEmpty();
        assertThat(Totp.keyUri("stsbridge", "alice", secret)).startsWith("otpauth://totp/stsbridge:alice?secret="
                + "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=stsbridge&algorithm=SHA1&digits=6&period=30");
    }

    @Test
    void recoveryCodesAreHashedAndEachRedeemsOnce() {
        RecoveryCodes.Issued issued = new RecoveryCodes(new SecureRandom()).issue();
        assertThat(issued.plain()).hasSize(10).allMatch(c -> c.matches("[a-z2-7]{4}(-[a-z2-7]{4}){3}"));
        var left = RecoveryCodes.redeem(issued.hashed(), issued.plain().get(2).toUpperCase()).orElseThrow();
        assertThat(left).hasSize(9);
        assertThat(RecoveryCodes.redeem(left, issued.plain().get(2))).isEmpty();
        assertThat(RecoveryCodes.redeem(left, "aaaa-bbbb-cccc-dddd")).isEmpty();
    }

    @Test
    void theStoreEncryptsEachPersonsFileAndRefusesOneMovedToAnotherName() throws Exception {
        SecureRandom random = new SecureRandom();
        FileEnrollmentStore store = new FileEnrollmentStore(dataDir, EnrollmentCipher.loadOrCreate(dataDir, random));
        byte[] secret = Totp.newSecret(random);
        store.update("Alice", e -> e.withTotp(new TotpFactor(secret, Instant.EPOCH, 7)));
        assertThat(store.find("alice").totp().orElseThrow().lastUsedStep()).isEqualTo(7);
        assertThat(store.find("alice").totp().orElseThrow().secret()).isEqualTo(secret);
        Path alice = dataDir.resolve("mfa").resolve(FileEnrollmentStore.fileName("alice"));
        assertThat(HexFormat.of().formatHex(Files.readAllBytes(alice))).doesNotContain(HexFormat.of().formatHex(secret));
        assertThat(Files.readString(alice, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("totp");

        Files.copy(alice, dataDir.resolve("mfa").resolve(FileEnrollmentStore.fileName("bob")));
        assertThatThrownBy(() -> store.find("bob")).hasMessageContaining("does not decrypt with the MFA key");
        assertThat(store.find("carol").enrolled()).isFalse();
    }

    @Test
    void requestedAuthnContextDecisions() {
        assertThat(request("exact", MFA).decide(MFA, true)).isEqualTo(new AuthnContextRequest.Satisfied(MFA));
        assertThat(request("exact", MFA).decide(PPT, true)).isInstanceOf(AuthnContextRequest.NeedsMfa.class);
        assertThat(request("exact", PPT).decide(MFA, true)).isEqualTo(new AuthnContextRequest.Satisfied(PPT));
        assertThat(request("exact", PPT).decide(PASSWORD, false))
                .isInstanceOf(AuthnContextRequest.Unsatisfiable.class);
        assertThat(request("minimum", PPT).decide(PPT, true)).isEqualTo(new AuthnContextRequest.Satisfied(PPT));
        assertThat(request("minimum", MFA).decide(PPT, true)).isInstanceOf(AuthnContextRequest.NeedsMfa.class);
        assertThat(request("better", PPT).decide(PPT, true)).isInstanceOf(AuthnContextRequest.NeedsMfa.class);
        assertThat(request("better", MFA).decide(MFA, true)).isInstanceOf(AuthnContextRequest.Unsatisfiable.class);
        assertThat(request("maximum", PPT).decide(MFA, true)).isEqualTo(new AuthnContextRequest.Satisfied(PPT));
        assertThat(request("exact", "urn:oasis:names:tc:SAML:2.0:ac:classes:Kerberos").decide(MFA, true))
                .isInstanceOf(AuthnContextRequest.Unsatisfiable.class);
    }

    @Test
    void mfaConfigurationIsCheckedAtLoadWithTheKeyNamed() {
        String demo = demoYaml();
        StsbridgeConfig ok = StsbridgeConfig.parse(demo + "\nmfa:\n  required: everyone\n  passkeys: false\n",
                "s.yaml", dataDir);
        assertThat(ok.mfa().totp()).isTrue();
        assertThat(ok.mfa().passkeys()).isFalse();
        assertThat(StsbridgeConfig.demo().mfa().required().key()).isEqualTo("none");
        assertThatThrownBy(() -> StsbridgeConfig.parse(demo + "\nmfa:\n  required: groups\n", "s.yaml", dataDir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("mfa.groups")
                .hasMessageContaining("is required");
        assertThatThrownBy(() -> StsbridgeConfig.parse(demo + "\nmfa:\n  required: sometimes\n", "s.yaml", dataDir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("none, everyone, groups");
        assertThatThrownBy(() -> StsbridgeConfig.parse(demo.replace("      role: Admin\n",
                "      role: Admin\n      require-mfa: maybe\n"), "s.yaml", dataDir))
                .isInstanceOf(ConfigException.class).hasMessageContaining("require-mfa");
        assertThat(StsbridgeConfig.parse(demo.replace("      role: Admin\n", "      role: Admin\n      require-mfa: true\n"),
                "s.yaml", dataDir).aws().roles().get(0).requireMfa()).isTrue();
    }

    private static AuthnContextRequest request(String comparison, String classRef) {
        return new AuthnContextRequest(AuthnContextRequest.Comparison.of(java.util.Optional.of(comparison)),
                List.of(classRef));
    }

    private static String demoYaml() {
        try (var in = MfaPartsTest.class.getClassLoader().getResourceAsStream(StsbridgeConfig.DEMO_RESOURCE)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
