package dev.stsbridge.verifier.iam;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

import dev.stsbridge.verifier.AwsError;
import dev.stsbridge.verifier.AwsException;
import dev.stsbridge.verifier.iam.IamStore.Change;

/**
 * Virtual MFA devices of an account: CreateVirtualMFADevice (a fresh 160-bit seed, returned once as
 * {@code Base32StringSeed}), EnableMFADevice (for a user, with two consecutive TOTP codes), ListMFADevices,
 * DeactivateMFADevice, DeleteVirtualMFADevice; and {@link #authenticate}, the check STS makes of a
 * SerialNumber + TokenCode. Every accepted code is used up (its step is remembered), as AWS refuses a code twice.
 */
public final class MfaDevices {

    private final IamStore store;
    private final IamIds ids;
    private final Clock clock;

    public MfaDevices(IamStore store, IamIds ids, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.ids = Objects.requireNonNull(ids, "ids");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public MfaDevice createVirtual(IamCaller caller, String name, Optional<String> path) {
        String where = path.orElse("/");
        String serial = Arns.mfa(caller.accountId(), where, name);
        return store.change(snapshot -> {
            if (snapshot.mfaDevice(serial).isPresent()) {
                throw AwsError.sender("EntityAlreadyExists",
                        "MFADevice entity at the same path and name already exists.", 409).exception();
            }
            MfaDevice device = new MfaDevice(serial, caller.accountId(), name, where, Totp.base32(ids.mfaSeed()),
                    Optional.empty(), Optional.empty(), -1);
            return new Change<>(snapshot.withMfaDevice(device), device);
        });
    }

    /**
     * Enables a device for a user: {@code code1} and {@code code2} must be the codes of two consecutive steps, the
     * second at most {@value Totp#WINDOW} step from now and the first at most two steps before now.
     */
    public MfaDevice enable(IamCaller caller, String userName, String serialNumber, String code1, String code2) {
        Instant now = clock.instant();
        return store.change(snapshot -> {
            UserEntry user = Users.require(snapshot, caller, userName);
            MfaDevice device = device(snapshot, caller, serialNumber);
            if (device.enabled()) {
                throw AwsError.sender("EntityAlreadyExists", "MFA Device is already in use.", 409).exception();
            }
            long current = Totp.step(now);
            OptionalLong second = OptionalLong.empty();
            for (long s = current - 2; s <= current && second.isEmpty(); s++) {
                if (Totp.is(device.seed(), code1, s) & Totp.is(device.seed(), code2, s + 1)) {
                    second = OptionalLong.of(s + 1);
                }
            }
            if (second.isEmpty()) {
                throw AwsError.sender("InvalidAuthenticationCode", "Authentication code for device is not valid.",
                        403).exception();
            }
            MfaDevice enabled = device.enabledFor(user.user().name(), now.truncatedTo(ChronoUnit.SECONDS),
                    second.getAsLong());
            return new Change<>(snapshot.withMfaDevice(enabled), enabled);
        });
    }

    public void deactivate(IamCaller caller, String userName, String serialNumber) {
        store.change(snapshot -> {
            Users.require(snapshot, caller, userName);
            MfaDevice device = snapshot.mfaDevice(serialNumber)
                    .filter(d -> d.accountId().equals(caller.accountId()))
                    .filter(d -> d.userName().filter(userName::equalsIgnoreCase).isPresent())
                    .orElseThrow(() -> noSuchDevice("MFA Device with serial number " + serialNumber
                            + " does not exist."));
            return new Change<>(snapshot.withMfaDevice(device.deactivated()), device);
        });
    }

    public void deleteVirtual(IamCaller caller, String serialNumber) {
        store.change(snapshot -> {
            MfaDevice device = device(snapshot, caller, serialNumber);
            if (device.enabled()) {
                throw AwsError.sender("DeleteConflict", "MFA Device is still in use.", 409).exception();
            }
            return new Change<>(snapshot.withoutMfaDevice(serialNumber), device);
        });
    }

    /** The devices enabled for a user. */
    public List<MfaDevice> enabledFor(IamCaller caller, String userName) {
        IamSnapshot snapshot = store.snapshot();
        String name = Users.require(snapshot, caller, userName).user().name();
        return snapshot.mfaDevices(caller.accountId()).stream()
                .filter(d -> d.userName().filter(name::equals).isPresent()).toList();
    }

    /** The account's virtual devices (enabled or not). */
    public List<MfaDevice> virtualDevices(IamCaller caller) {
        return store.snapshot().mfaDevices(caller.accountId());
    }

    /**
     * Whether {@code tokenCode} is a fresh code of the device {@code serialNumber} enabled for the user
     * {@code userArn}; a match uses the code up. Root users have no virtual devices here.
     */
    public boolean authenticate(String userArn, String serialNumber, String tokenCode) {
        Optional<Arns.UserName> user = Arns.parseUser(userArn);
        if (user.isEmpty()) {
            return false;
        }
        Instant now = clock.instant();
        return store.change(snapshot -> {
            Optional<MfaDevice> device = snapshot.mfaDevice(serialNumber)
                    .filter(d -> d.accountId().equals(user.get().accountId()))
                    .filter(d -> d.userName().filter(user.get().name()::equalsIgnoreCase).isPresent());
            OptionalLong step = device.map(d -> Totp.match(d.seed(), tokenCode, now, d.lastUsedStep()))
                    .orElse(OptionalLong.empty());
            if (step.isEmpty()) {
                return new Change<>(snapshot, false);
            }
            return new Change<>(snapshot.withMfaDevice(device.get().usedAt(step.getAsLong())), true);
        });
    }

    private static MfaDevice device(IamSnapshot snapshot, IamCaller caller, String serialNumber) {
        return snapshot.mfaDevice(serialNumber).filter(d -> d.accountId().equals(caller.accountId()))
                .orElseThrow(() -> noSuchDevice("VirtualMFADevice with serial number " + serialNumber
                        + " doesn't exist."));
    }

    private static AwsException noSuchDevice(String message) {
        return AwsError.sender("NoSuchEntity", message, 404).exception();
    }
}
