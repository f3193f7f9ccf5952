package dev.stsbridge.verifier.webidentity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** The parameters of STS {@code AssumeRoleWithWebIdentity}, as received (the model already checked their shapes). */
public record WebIdentityRequest(String roleArn, String roleSessionName, String webIdentityToken,
                                 Optional<String> providerId, Optional<Integer> durationSeconds,
                                 Optional<String> policy, List<String> policyArns) {
    public WebIdentityRequest {
        Objects.requireNonNull(roleArn, "roleArn");
        Objects.requireNonNull(roleSessionName, "roleSessionName");
        Objects.requireNonNull(webIdentityToken, "webIdentityToken");
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(durationSeconds, "durationSeconds");
        Objects.requireNonNull(policy, "policy");
        policyArns = List.copyOf(policyArns);
    }

    @Override
    public String toString() {
        return "WebIdentityRequest[" + roleArn + ", " + roleSessionName + "]";
    }
}
