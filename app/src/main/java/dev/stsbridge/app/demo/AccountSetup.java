package dev.stsbridge.app.demo;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the demo set up in one AWS account of the model.
 *
 * @param accountId the 12-digit account ID
 * @param accountName the name the IdP configuration gives it ({@code prod}, {@code dev})
 * @param accessKeyId the account's access key (the verifier's demo keys: AWS's documented examples)
 * @param secretAccessKey its secret (a public documentation example for the demo accounts)
 * @param providerArn the SAML provider's ARN
 * @param providerCreated true when the provider was created now, false when it existed and its metadata was updated
 * @param roleArns the roles that trust the provider, in configuration order
 * @param permissionPolicies role name -> the ARN of the demo's ABAC policy attached to it ({@link DemoPolicies})
 */
public record AccountSetup(String accountId, String accountName, String accessKeyId, String secretAccessKey,
                           String providerArn, boolean providerCreated, List<String> roleArns,
                           Map<String, String> permissionPolicies) {

    public AccountSetup {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(accountName, "accountName");
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(providerArn, "providerArn");
        roleArns = List.copyOf(roleArns);
        permissionPolicies = Collections.unmodifiableMap(new LinkedHashMap<>(permissionPolicies));
    }
}
