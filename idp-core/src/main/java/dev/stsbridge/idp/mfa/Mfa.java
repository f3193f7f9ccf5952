package dev.stsbridge.idp.mfa;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.Optional;

import javax.sql.DataSource;

import dev.stsbridge.idp.config.StsbridgeConfig;

/**
 * The IdP's second-factor parts, assembled from the configuration: the policy, the enrollments, and the factors.
 *
 * @param policy who must pass a second factor
 * @param enrollments each person's factors
 * @param totp TOTP codes
 * @param passkeys WebAuthn for the base URL's origin
 * @param recoveryCodes new one-time recovery codes
 */
public record Mfa(MfaPolicy policy, EnrollmentStore enrollments, Totp totp, Passkeys passkeys,
                  RecoveryCodes recoveryCodes) {
    public Mfa {
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(enrollments, "enrollments");
        Objects.requireNonNull(totp, "totp");
        Objects.requireNonNull(passkeys, "passkeys");
        Objects.requireNonNull(recoveryCodes, "recoveryCodes");
    }

    /** With enrollments in encrypted files under the data directory (the key made on first start). */
    public static Mfa open(StsbridgeConfig config, SecureRandom random) {
        EnrollmentStore store = new FileEnrollmentStore(config.dataDir(),
                EnrollmentCipher.loadOrCreate(config.dataDir(), random));
        return open(config, store, random);
    }

    /**
     * With enrollments in the shared database when there is one ({@code state.postgresql}), else in files; either
     * way sealed with {@code <data-dir>/keys/mfa-key}, which every node sharing the database must have.
     */
    public static Mfa open(StsbridgeConfig config, SecureRandom random, Optional<DataSource> shared) {
        EnrollmentCipher cipher = EnrollmentCipher.loadOrCreate(config.dataDir(), random);
        EnrollmentStore store = shared.<EnrollmentStore>map(db -> new PostgresEnrollmentStore(db, cipher))
                .orElseGet(() -> new FileEnrollmentStore(config.dataDir(), cipher));
        return open(config, store, random);
    }

    /** With enrollments in another store (e.g. a shared database). */
    public static Mfa open(StsbridgeConfig config, EnrollmentStore store, SecureRandom random) {
        return new Mfa(new MfaPolicy(config.mfa(), config.aws()), store, new Totp(), new Passkeys(config.baseUrl()),
                new RecoveryCodes(random));
    }
}
