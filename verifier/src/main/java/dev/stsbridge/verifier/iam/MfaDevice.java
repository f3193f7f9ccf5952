package dev.stsbridge.verifier.iam;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A virtual MFA device (RFC 6238 TOTP, HMAC-SHA1, 6 digits, 30-second steps, as AWS's virtual devices).
 *
 * @param serialNumber {@code arn:aws:iam::<account>:mfa<path><name>}
 * @param accountId the owning account
 * @param name the device name
 * @param path the path
 * @param seed the secret seed, raw bytes as Base32 ({@code Base32StringSeed}); never logged
 * @param userName the user it is enabled for, once EnableMFADevice succeeded
 * @param enableDate when it was enabled
 * @param lastUsedStep the TOTP time step of the last code accepted (a code is accepted once), -1 if none
 */
public record MfaDevice(String serialNumber, String accountId, String name, String path, String seed,
                        Optional<String> userName, Optional<Instant> enableDate, long lastUsedStep) {
    public MfaDevice {
        Objects.requireNonNull(serialNumber, "serialNumber");
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(seed, "seed");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(enableDate, "enableDate");
    }

    public boolean enabled() {
        return userName.isPresent();
    }

    public MfaDevice enabledFor(String user, Instant at, long step) {
        return new MfaDevice(serialNumber, accountId, name, path, seed, Optional.of(user), Optional.of(at), step);
    }

    public MfaDevice deactivated() {
        return new MfaDevice(serialNumber, accountId, name, path, seed, Optional.empty(), Optional.empty(), -1);
    }

    public MfaDevice usedAt(long step) {
        return new MfaDevice(serialNumber, accountId, name, path, seed, userName, enableDate, step);
    }

    @Override
    public String toString() {
        return "MfaDevice[" + serialNumber + userName.map(u -> ", " + u).orElse("") + "]"; // never the seed
    }
}
