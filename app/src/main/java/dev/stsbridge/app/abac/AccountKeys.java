package dev.stsbridge.app.abac;

import java.util.Optional;

import dev.stsbridge.verifier.auth.Accounts;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;

/** The access keys that sign IAM calls in an account (the simulator, reading the role's policies). */
@FunctionalInterface
public interface AccountKeys {

    /** The keys for this 12-digit account ID, if any. */
    Optional<AwsBasicCredentials> forAccount(String accountId);

    /** Each account's own keys, e.g. the verifier's demo accounts ({@link Accounts#demo()}). */
    static AccountKeys of(Accounts accounts) {
        return id -> accounts.byId(id).map(a -> AwsBasicCredentials.create(a.accessKeyId(), a.secretAccessKey()));
    }

    /** The same keys for every account (the caller's own credentials, as the AWS CLI would use them). */
    static AccountKeys fixed(String accessKeyId, String secretAccessKey) {
        AwsBasicCredentials credentials = AwsBasicCredentials.create(accessKeyId, secretAccessKey);
        return id -> Optional.of(credentials);
    }
}
