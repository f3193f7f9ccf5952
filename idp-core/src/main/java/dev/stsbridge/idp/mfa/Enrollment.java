package dev.stsbridge.idp.mfa;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One person's second factors: at most one TOTP authenticator, any number of passkeys, and the unused recovery
 * codes (hashed). Immutable; the {@code with...} methods return changed copies for {@link EnrollmentStore#update}.
 *
 * @param username the directory login name (compared ignoring case)
 */
public record Enrollment(String username, Optional<TotpFactor> totp, List<PasskeyFactor> passkeys,
                         List<RecoveryCodes.Hashed> recoveryCodes) {
    public Enrollment {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(totp, "totp");
        passkeys = List.copyOf(passkeys);
        recoveryCodes = List.copyOf(recoveryCodes);
    }

    /** Nobody enrolled anything yet. */
    public static Enrollment none(String username) {
        return new Enrollment(username, Optional.empty(), List.of(), List.of());
    }

    /** Whether the person has a TOTP authenticator or a passkey (recovery codes alone do not count). */
    public boolean enrolled() {
        return totp.isPresent() || !passkeys.isEmpty();
    }

    public Enrollment withTotp(TotpFactor factor) {
        return new Enrollment(username, Optional.of(factor), passkeys, recoveryCodes);
    }

    public Enrollment withRecoveryCodes(List<RecoveryCodes.Hashed> codes) {
        return new Enrollment(username, totp, passkeys, codes);
    }

    public Enrollment withPasskey(PasskeyFactor passkey) {
        List<PasskeyFactor> more = new ArrayList<>(passkeys);
        more.add(passkey);
        return new Enrollment(username, totp, more, recoveryCodes);
    }

    /** The same with the stored passkey of {@code counted}'s credential ID replaced by it (its new counter). */
    public Enrollment withPasskeyCounted(PasskeyFactor counted) {
        return new Enrollment(username, totp, passkeys.stream()
                .map(p -> p.id().equals(counted.id()) ? counted : p).toList(), recoveryCodes);
    }

    public Optional<PasskeyFactor> passkey(String credentialId) {
        return passkeys.stream().filter(p -> p.id().equals(credentialId)).findFirst();
    }
}
